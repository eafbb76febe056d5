using GraphQLParser.AST;

namespace Registry.Api.GraphQL;

/// <summary>
/// What one GraphQL request may ask for (<c>Registry:GraphQL:*</c>). The document's shape is checked before
/// validation (whose rules are quadratic in fragment spreads), its cost by GraphQL.NET's complexity analysis (list
/// fields cost their page size or expected length times their children), both before any resolver runs; execution
/// then stops at <see cref="TimeoutSeconds"/> or when the client goes away.
/// </summary>
public sealed record QueryLimits
{
    public const string Section = "Registry:GraphQL";
    public const string TooComplex = "QUERY_TOO_COMPLEX";

    public int MaxDocumentLength { get; init; } = 16_384;
    public int MaxDepth { get; init; } = 15;
    /// <summary>Fields once every fragment is expanded where it is spread.</summary>
    public int MaxFields { get; init; } = 1_000;
    public int MaxAliases { get; init; } = 30;
    public int MaxFragmentSpreads { get; init; } = 50;
    public int MaxComplexity { get; init; } = 50_000;
    public int TimeoutSeconds { get; init; } = 10;

    /// <summary>The first limit the query's text breaks, as a message naming it; null when within them.</summary>
    public string? CheckLength(string query) => query.Length > MaxDocumentLength
        ? $"The document has {query.Length} characters; the limit (MaxDocumentLength) is {MaxDocumentLength}."
        : null;

    /// <summary>The first limit the parsed document breaks; null when within them.</summary>
    public string? CheckShape(GraphQLDocument document)
    {
        var shape = DocumentShape.Of(document);
        if (shape.Aliases > MaxAliases) return Over("aliases", shape.Aliases, nameof(MaxAliases), MaxAliases);
        if (shape.FragmentSpreads > MaxFragmentSpreads)
            return Over("fragment spreads", shape.FragmentSpreads, nameof(MaxFragmentSpreads), MaxFragmentSpreads);
        if (shape.Fields > MaxFields) return Over("fields (fragments expanded)", shape.Fields, nameof(MaxFields), MaxFields);
        if (shape.Depth > MaxDepth) return Over("levels of selection", shape.Depth, nameof(MaxDepth), MaxDepth);
        return null;
    }

    private static string Over(string what, long count, string limit, int max) =>
        $"The document has {count} {what}; the limit ({limit}) is {max}.";
}

/// <summary>
/// Counts of a document, in one pass over its text: each fragment is measured once and its counts reused wherever it
/// is spread, so a document that would expand to billions of fields is measured in microseconds (counts saturate).
/// </summary>
public sealed record DocumentShape(long Fields, int Depth, int Aliases, int FragmentSpreads)
{
    public static DocumentShape Of(GraphQLDocument document)
    {
        var fragments = document.Definitions.OfType<GraphQLFragmentDefinition>()
            .GroupBy(f => f.FragmentName.Name.StringValue).ToDictionary(g => g.Key, g => g.First());
        var measured = new Dictionary<string, (long Fields, int Depth)>();
        var measuring = new HashSet<string>();
        var (aliases, spreads) = (0, 0);

        (long Fields, int Depth) Measure(GraphQLSelectionSet? set)
        {
            if (set is null) return (0, 0);
            var (fields, depth) = (0L, 0);
            foreach (var selection in set.Selections)
            {
                var (f, d) = selection switch
                {
                    GraphQLField field => Add((1, 1), Measure(field.SelectionSet)),
                    GraphQLInlineFragment inline => Measure(inline.SelectionSet),
                    GraphQLFragmentSpread spread => Fragment(spread.FragmentName.Name.StringValue),
                    _ => (0, 0),
                };
                fields = Saturating(fields, f);
                depth = Math.Max(depth, d);
            }
            return (fields, depth);
        }

        (long Fields, int Depth) Fragment(string name)
        {
            if (measured.TryGetValue(name, out var known)) return known;
            // An unknown or cyclic fragment adds nothing here: validation refuses the document.
            if (!fragments.TryGetValue(name, out var fragment) || !measuring.Add(name)) return (0, 0);
            return measured[name] = Measure(fragment.SelectionSet);
        }

        foreach (var node in Nodes(document))
        {
            if (node is GraphQLField { Alias: not null }) aliases++;
            if (node is GraphQLFragmentSpread) spreads++;
        }
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().Select(o => Measure(o.SelectionSet)).ToList();
        return new(operations.Aggregate(0L, (sum, o) => Saturating(sum, o.Fields)),
            operations.Select(o => o.Depth).DefaultIfEmpty(0).Max(), aliases, spreads);
    }

    private static (long, int) Add((long Fields, int Depth) self, (long Fields, int Depth) children) =>
        (Saturating(self.Fields, children.Fields), self.Depth + children.Depth);

    private static long Saturating(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    /// <summary>Every selection of the document's text, each once.</summary>
    private static IEnumerable<ASTNode> Nodes(GraphQLDocument document)
    {
        var pending = new Stack<GraphQLSelectionSet>(document.Definitions.Select(d => d switch
        {
            GraphQLOperationDefinition o => o.SelectionSet,
            GraphQLFragmentDefinition f => f.SelectionSet,
            _ => null,
        }).OfType<GraphQLSelectionSet>());
        while (pending.TryPop(out var set))
        {
            foreach (var selection in set.Selections)
            {
                yield return selection;
                if (selection is GraphQLField { SelectionSet: { } inner }) pending.Push(inner);
                if (selection is GraphQLInlineFragment { SelectionSet: { } fragment }) pending.Push(fragment);
            }
        }
    }
}
