using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Registry.Api.Imports;

/// <summary>One line of an NDJSON body: its number in the file (from 1) and its bytes; null bytes when it was too long.</summary>
public sealed record RawLine(int Number, byte[]? Bytes);

/// <summary>
/// Reads an NDJSON body line by line without ever holding more than one line (and the pipe's segment) in memory:
/// a line longer than the limit is reported and skipped, not buffered. Blank lines are skipped but counted.
/// </summary>
public static class NdjsonLines
{
    public static async IAsyncEnumerable<RawLine> ReadAsync(
        PipeReader reader, int maxLineBytes, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var (number, skipping) = (0, false);
        var ready = new List<RawLine>();
        while (true)
        {
            var read = await reader.ReadAsync(cancellation);
            var buffer = read.Buffer;
            while (buffer.PositionOf((byte)'\n') is { } newline)
            {
                var line = buffer.Slice(0, newline);
                buffer = buffer.Slice(buffer.GetPosition(1, newline));
                number++;
                if (skipping) skipping = false;
                else if (Line(number, line, maxLineBytes) is { } complete) ready.Add(complete);
            }
            if (!skipping && buffer.Length > maxLineBytes)
            {
                skipping = true;
                ready.Add(new RawLine(number + 1, null));
            }
            if (skipping) buffer = buffer.Slice(buffer.End);
            else if (read.IsCompleted && Line(number + 1, buffer, maxLineBytes) is { } last)
            {
                ready.Add(last);
                buffer = buffer.Slice(buffer.End);
            }
            reader.AdvanceTo(buffer.Start, buffer.End);

            foreach (var line in ready) yield return line;
            ready.Clear();
            if (read.IsCompleted) yield break;
        }
    }

    private static RawLine? Line(int number, ReadOnlySequence<byte> bytes, int maxLineBytes)
    {
        if (bytes.Length > maxLineBytes) return new RawLine(number, null);
        var array = bytes.ToArray();
        var length = array.Length;
        while (length > 0 && array[length - 1] is (byte)'\r' or (byte)' ' or (byte)'\t') length--;
        return length == 0 ? null : new RawLine(number, length == array.Length ? array : array[..length]);
    }
}
