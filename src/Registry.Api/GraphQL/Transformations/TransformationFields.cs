using GraphQL;
using GraphQL.Types;
using Marten;
using Registry.Api.Auth;
using Registry.Domain.Transformations;

namespace Registry.Api.GraphQL.Transformations;

/// <summary>Recorded transformations.</summary>
public static class TransformationFields
{
    public static void AddTransformationFields(this ObjectGraphType query)
    {
        query.Field<TransformationType>("transformation")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Description("A transformation, for the organization that recorded it, ministries and admins.")
            .ResolveAsync(async c =>
            {
                if (!Guid.TryParse(c.GetArgument<string>("id"), out var id))
                    throw new ExecutionError("id is not a valid id.") { Code = ErrorCodes.InvalidArgument };
                var transformation = await c.Service<IQuerySession>().LoadAsync<Transformation>(id, c.CancellationToken);
                return transformation is not null && (c.User!.SeesEveryLot() || transformation.ActedBy == c.User!.OrganizationId())
                    ? transformation
                    : null;
            });
    }
}
