using GraphQLParser;
using Registry.Api.GraphQL;

namespace Registry.IntegrationTests.Unit;

public sealed class DocumentShapeTests
{
    private static DocumentShape Of(string query) => DocumentShape.Of(Parser.Parse(query));

    [Fact]
    public void Fields_depth_aliases_and_spreads_are_counted_as_written()
    {
        // lots(1) nodes(2) id(3) a:lot(4) lotNumber(5): 5 fields, depth 3 (lots > nodes > id), 1 alias, no spread.
        Assert.Equal(new DocumentShape(5, 3, 1, 0), Of("{ lots { nodes { id } } a: lot { lotNumber } }"));
    }

    [Fact]
    public void A_fragment_counts_wherever_it_is_spread()
    {
        // F = { a b { c } } is 3 fields, depth 2; spread twice under x (1 + 3 + 3 = 7) and once at the top (3): 10 fields.
        var shape = Of("{ x { ...F ...F } ...F } fragment F on Query { a b { c } }");
        Assert.Equal((10L, 3, 3), (shape.Fields, shape.Depth, shape.FragmentSpreads));
    }

    [Fact]
    public void A_doubling_fragment_chain_is_measured_without_expanding_it()
    {
        // F0 spreads F1 twice, ..., F59 spreads F60 twice; F60 has one field: 2^60 fields, counted in microseconds.
        var chain = string.Concat(Enumerable.Range(0, 60).Select(i => $"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }} "));
        var shape = Of("{ ...F0 } " + chain + "fragment F60 on Query { a }");
        Assert.Equal(1L << 60, shape.Fields);
        Assert.Equal(121, shape.FragmentSpreads);
    }

    [Fact]
    public void Fragment_cycles_and_unknown_fragments_add_nothing_and_do_not_hang()
    {
        Assert.Equal(1L, Of("{ a ...Missing } ").Fields);
        Assert.Equal(2L, Of("{ ...A } fragment A on Query { a ...B } fragment B on Query { b ...A }").Fields);
    }
}
