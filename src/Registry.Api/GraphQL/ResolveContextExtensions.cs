using GraphQL;

namespace Registry.Api.GraphQL;

public static class ResolveContextExtensions
{
    /// <summary>A service of the request's scope (Marten sessions and caches are per request).</summary>
    public static T Service<T>(this IResolveFieldContext context) where T : notnull =>
        context.RequestServices!.GetRequiredService<T>();
}
