using GraphQL.Types;
using GraphQLParser.AST;

namespace Registry.Api.GraphQL;

/// <summary>Any JSON value, written as it is (event data).</summary>
public sealed class JsonGraphType : ScalarGraphType
{
    public JsonGraphType() => Name = "JSON";

    public override object? Serialize(object? value) => value;
    public override object? ParseValue(object? value) => value;
    public override object? ParseLiteral(GraphQLValue value) =>
        throw new NotSupportedException("JSON is an output type only.");
}

/// <summary>An ISO 8601 date and time with offset, named DateTime as in the API contract.</summary>
public sealed class DateTimeWithOffsetGraphType : DateTimeOffsetGraphType
{
    public DateTimeWithOffsetGraphType() => Name = "DateTime";
}

/// <summary>Enum values spelled as in the REST contract (e.g. <c>OnMarket</c>), not CONSTANT_CASE.</summary>
public class RestSpelledEnumGraphType<TEnum> : EnumerationGraphType<TEnum> where TEnum : Enum
{
    protected override string ChangeEnumCase(string val) => val;
}
