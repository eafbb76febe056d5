using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Registry.Api.Epcis.Capturing;

/// <summary>A captured document kept to be read again as often as needed: in memory when it announces a small size,
/// else in a temporary file (deleted when closed).</summary>
public static class SpooledDocument
{
    private const long InMemoryBytes = 256 * 1024;

    public static Stream Create(long? announcedBytes = null) => announcedBytes <= InMemoryBytes
        ? new MemoryStream((int)announcedBytes.Value)
        : new FileStream(Path.Combine(Path.GetTempPath(), $"epcis-{Guid.NewGuid():N}.json"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    /// <summary>Its events from the start, one at a time.</summary>
    public static async IAsyncEnumerable<(int Index, JsonObject Event)> Events(
        Stream spool, [EnumeratorCancellation] CancellationToken cancellation)
    {
        spool.Position = 0;
        await foreach (var (index, e, _) in EpcisDocumentStream.ReadEventsAsync(spool, cancellation)) yield return (index, e);
    }
}
