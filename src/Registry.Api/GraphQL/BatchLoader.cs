using GraphQL.DataLoader;

namespace Registry.Api.GraphQL;

/// <summary>
/// One kind of lookup for one request, batched: every key asked for while a level of the query resolves is loaded
/// in one round trip when the first answer is needed (GraphQL.NET resolves data-loader results after their
/// siblings), and kept for the rest of the request. A page of 500 lots asks once for their holders' names, not 500
/// times.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(
    Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch, TValue missing)
    where TKey : notnull
{
    private readonly Dictionary<TKey, TValue> loaded = [];
    private readonly HashSet<TKey> pending = [];

    public IDataLoaderResult<TValue> Load(TKey key)
    {
        if (!loaded.ContainsKey(key)) pending.Add(key);
        return new Result(this, key);
    }

    private async Task<TValue> GetAsync(TKey key, CancellationToken cancellation)
    {
        if (pending.Count > 0)
        {
            var keys = pending.ToList();
            pending.Clear();
            var found = await fetch(keys, cancellation);
            foreach (var k in keys) loaded[k] = found.TryGetValue(k, out var value) ? value : missing;
        }
        return loaded.TryGetValue(key, out var result) ? result : missing;
    }

    private sealed class Result(BatchLoader<TKey, TValue> loader, TKey key) : IDataLoaderResult<TValue>
    {
        public Task<TValue> GetResultAsync(CancellationToken cancellationToken = default) => loader.GetAsync(key, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}
