using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Registry.Api.Epcis.Capturing;

/// <summary>A captured document in a temporary file (deleted when closed), read again as often as needed.</summary>
public static class SpooledDocument
{
    public static FileStream Create() => new(Path.Combine(Path.GetTempPath(), $"epcis-{Guid.NewGuid():N}.json"), FileMode.CreateNew,
        FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    /// <summary>Its events from the start, one at a time.</summary>
    public static async IAsyncEnumerable<(int Index, JsonObject Event)> Events(
        FileStream spool, [EnumeratorCancellation] CancellationToken cancellation)
    {
        spool.Position = 0;
        await foreach (var (index, e, _) in EpcisDocumentStream.ReadEventsAsync(spool, cancellation)) yield return (index, e);
    }
}
