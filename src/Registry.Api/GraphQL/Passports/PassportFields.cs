using GraphQL;
using GraphQL.Types;
using Registry.Api.Passports;

namespace Registry.Api.GraphQL.Passports;

public static class PassportFields
{
    public static void AddPassportFields(this ObjectGraphType query) =>
        query.Field<PassportType>("passport")
            .Description("A lot's battery or product passport, in the tiers the caller may see; null when it may see none.")
            .Argument<NonNullGraphType<IdGraphType>>("lotId")
            .ResolveAsync(async c => await c.Service<PassportReader>().ReadAsync(
                Guid.TryParse(c.GetArgument<string>("lotId"), out var lotId)
                    ? lotId
                    : throw new ExecutionError("lotId is not a valid id.") { Code = ErrorCodes.InvalidArgument },
                c.User!, c.CancellationToken));
}
