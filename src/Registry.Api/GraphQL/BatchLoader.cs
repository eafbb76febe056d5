using GraphQL.DataLoader;

namespace Registry.Api.GraphQL;

/// <summary>
/// One kind of lookup for one request, batched: every key asked for while a level of the query resolves is loaded
/// in one round trip when the first answer is needed (GraphQL.NET resolves data-loader results after their
/// siblings), and kept for the rest of the request. A page of 500 lots asks once for their holders' names, not 500
/// times.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(
    Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch, Func<TKey, TValue> missing)
    where TKey : notnull
{
    private readonly Dictionary<TKey, Task<IReadOnlyDictionary<TKey, TValue>>> batches = [];
    private readonly HashSet<TKey> pending = [];

    public IDataLoaderResult<TValue> Load(TKey key)
    {
        if (!batches.ContainsKey(key)) pending.Add(key);
        return new Result(this, key);
    }

    /// <summary>The value from the key's batch; every key of a batch that failed sees the failure.</summary>
    private async Task<TValue> GetAsync(TKey key, CancellationToken cancellation)
    {
        if (pending.Count > 0)
        {
            var keys = pending.ToList();
            pending.Clear();
            var batch = fetch(keys, cancellation);
            foreach (var k in keys) batches[k] = batch;
        }
        return (await batches[key]).TryGetValue(key, out var value) ? value : missing(key);
    }

    private sealed class Result(BatchLoader<TKey, TValue> loader, TKey key) : IDataLoaderResult<TValue>
    {
        public Task<TValue> GetResultAsync(CancellationToken cancellationToken = default) => loader.GetAsync(key, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}

public static class DataLoaderResults
{
    /// <summary>A value already at hand, answered as a loaded one.</summary>
    public static IDataLoaderResult<T> Known<T>(T value) => new Ready<T>(value);

    /// <summary>The result mapped by <paramref name="next"/> once loaded, still loaded with its batch.</summary>
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> result, Func<T, TResult> next) =>
        new Mapped<T, TResult>(result, next);

    private sealed class Mapped<T, TResult>(IDataLoaderResult<T> result, Func<T, TResult> next) : IDataLoaderResult<TResult>
    {
        public async Task<TResult> GetResultAsync(CancellationToken cancellation = default) =>
            next(await result.GetResultAsync(cancellation));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellation) => await GetResultAsync(cancellation);
    }

    private sealed class Ready<T>(T value) : IDataLoaderResult<T>
    {
        public Task<T> GetResultAsync(CancellationToken cancellation = default) => Task.FromResult(value);

        Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellation) => Task.FromResult<object?>(value);
    }
}
