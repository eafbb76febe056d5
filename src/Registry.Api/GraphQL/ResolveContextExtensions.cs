using GraphQL;

namespace Registry.Api.GraphQL;

public static class ResolveContextExtensions
{
    /// <summary>A service of the request's scope (Marten sessions and caches are per request).</summary>
    public static T Service<T>(this IResolveFieldContext context) where T : notnull =>
        context.RequestServices!.GetRequiredService<T>();

    /// <summary>The reader's time, against which grants expire.</summary>
    public static DateTimeOffset Now(this IResolveFieldContext context) => context.Service<TimeProvider>().GetUtcNow();
}
