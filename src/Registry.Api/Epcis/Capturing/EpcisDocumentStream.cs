using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Registry.Api.Infrastructure.Validation;

namespace Registry.Api.Epcis.Capturing;

/// <summary>An EPCIS document's top level as sent, with <c>epcisBody.eventList</c> left empty; how many events the
/// list holds and the largest one's size in bytes (as written, whitespace included).</summary>
public sealed record EpcisDocumentHeader(JsonObject Document, int EventCount, int LargestEventBytes);

/// <summary>Why a document cannot be read as EPCIS JSON, for a 400: a code (<c>malformed-json</c>,
/// <c>not-epcis-document</c>, <c>invalid-text</c>, <c>duplicate-property</c>, <c>too-large</c>) and the JSON pointer of
/// the value at fault (<c>/</c> for the whole document, as <see cref="Validating.EpcisError"/> has it).</summary>
public sealed class EpcisDocumentFormatException(string code, string pointer, string message) : Exception(message)
{
    public string Code { get; } = code;
    public string Pointer { get; } = pointer;
}

/// <summary>How much one read may hold. <see cref="BufferGrown"/> is told each size the buffer takes, so a test or a
/// metric can see that memory follows the largest event, not the document.</summary>
public sealed record EpcisStreamOptions
{
    /// <summary>The largest event, and the largest top level without its events, in bytes.</summary>
    public int MaxEventBytes { get; init; } = 1024 * 1024;

    /// <summary>Bytes asked of the stream per read.</summary>
    public int ReadChunkBytes { get; init; } = 16 * 1024;

    public Action<int>? BufferGrown { get; init; }
}

/// <summary>
/// Reads an EPCIS 2.0 JSON document from a stream (the capture door's spooled body) holding one event at a time, so a
/// document of any number of events costs the memory of its largest one. Two passes: <see cref="ReadHeaderAsync(Stream, CancellationToken)"/>
/// checks the whole document and returns its top level; <see cref="ReadEventsAsync(Stream, CancellationToken)"/> then
/// yields the events. Both refuse the same documents, so a caller that read the header without an exception can
/// store events as they come without meeting a bad one halfway.
/// </summary>
public static class EpcisDocumentStream
{
    public static readonly EpcisStreamOptions Defaults = new();

    public static Task<EpcisDocumentHeader> ReadHeaderAsync(Stream document, CancellationToken ct) =>
        ReadHeaderAsync(document, Defaults, ct);

    public static async Task<EpcisDocumentHeader> ReadHeaderAsync(Stream document, EpcisStreamOptions options, CancellationToken ct)
    {
        using var cursor = new Cursor(document, options);
        var root = new JsonObject();
        JsonObject? body = null;
        int count = 0, largest = 0;
        for (var part = await cursor.NextAsync(ct); part != Part.End; part = await cursor.NextAsync(ct))
        {
            switch (part)
            {
                case Part.RootValue: root[cursor.Name] = cursor.Parse(); break;
                case Part.BodyStart: root["epcisBody"] = body = new JsonObject(); break;
                case Part.BodyValue: body![cursor.Name] = cursor.Parse(); break;
                case Part.ListStart: body!["eventList"] = new JsonArray(); break;
                case Part.Event:
                    // Checked, not kept: the header pass must find every bad event before the caller stores any.
                    cursor.Check();
                    count++;
                    largest = Math.Max(largest, cursor.ValueLength);
                    break;
            }
        }
        return new(root, count, largest);
    }

    public static IAsyncEnumerable<(int Index, JsonObject Event, int Bytes)> ReadEventsAsync(Stream document, CancellationToken ct) =>
        ReadEventsAsync(document, Defaults, ct);

    public static async IAsyncEnumerable<(int Index, JsonObject Event, int Bytes)> ReadEventsAsync(
        Stream document, EpcisStreamOptions options, [EnumeratorCancellation] CancellationToken ct)
    {
        using var cursor = new Cursor(document, options);
        for (var part = await cursor.NextAsync(ct); part != Part.End; part = await cursor.NextAsync(ct))
        {
            if (part == Part.Event)
                yield return (cursor.Index, cursor.Parse()!.AsObject(), cursor.ValueLength); // parsed off the buffer before it moves
            else if (part is Part.RootValue or Part.BodyValue)
                cursor.Check(); // the same refusals as the header pass, whichever pass a caller runs
        }
    }

    private enum Part { RootValue, BodyStart, BodyValue, ListStart, Event, End }

    private enum Where { Start, Root, RootValue, Body, BodyValue, List, Done }

    /// <summary>
    /// A Utf8JsonReader walked over a pooled buffer that is refilled from the stream. The reader is a ref struct and
    /// cannot live across an await, so each <see cref="Step"/> makes one from the saved <see cref="JsonReaderState"/>
    /// and the unread bytes, and stops when it has a part for the caller or needs more bytes. The buffer keeps only the
    /// value being read (from its first byte) and the tail the reader could not finish yet.
    /// </summary>
    private sealed class Cursor : IDisposable
    {
        // JsonDocument would accept a repeated name (the last one winning); the API never reads a name twice.
        private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

        private readonly Stream stream;
        private readonly EpcisStreamOptions options;
        private byte[] buffer;
        private int end, position, keep = -1; // bytes held; where the reader resumes; first byte of the value being read
        private bool final;
        private JsonReaderState state = new(new JsonReaderOptions { MaxDepth = 64 }); // JsonText's depth
        private Where where = Where.Start;
        private bool sawBody, sawList, capturing;
        private int captureDepth, headerBytes;
        private Part captured;
        private readonly HashSet<string> rootNames = [], bodyNames = [];

        public Cursor(Stream stream, EpcisStreamOptions options)
        {
            if (options.MaxEventBytes < 1 || options.ReadChunkBytes < 1) throw new ArgumentOutOfRangeException(nameof(options));
            // The caller hands the spooled body as written, positioned at its end; each pass reads it from the start.
            if (stream.CanSeek) stream.Position = 0;
            this.stream = stream;
            this.options = options;
            buffer = ArrayPool<byte>.Shared.Rent(options.ReadChunkBytes);
            options.BufferGrown?.Invoke(buffer.Length);
        }

        /// <summary>The name of the last root or epcisBody property.</summary>
        public string Name { get; private set; } = "";

        /// <summary>The index of the last event.</summary>
        public int Index { get; private set; } = -1;

        public int ValueStart { get; private set; }

        public int ValueLength { get; private set; }

        public string ValuePointer { get; private set; } = "/";

        public async ValueTask<Part> NextAsync(CancellationToken ct)
        {
            while (true)
            {
                if (Step() is { } part) return part;
                await RefillAsync(ct);
            }
        }

        /// <summary>The last value, checked as the API checks any JSON text (<see cref="JsonText"/>: UTF-8, control
        /// characters) and for repeated names, then parsed on its own.</summary>
        public JsonNode? Parse()
        {
            var bytes = CheckText();
            try
            {
                return JsonNode.Parse(bytes, documentOptions: Strict);
            }
            catch (JsonException e)
            {
                throw Duplicate(e);
            }
        }

        /// <summary>The checks of <see cref="Parse"/> without building nodes (JsonDocument's pooled index only).</summary>
        public void Check()
        {
            var bytes = buffer.AsMemory(ValueStart, ValueLength);
            CheckText();
            try
            {
                JsonDocument.Parse(bytes, Strict).Dispose();
            }
            catch (JsonException e)
            {
                throw Duplicate(e);
            }
        }

        private ReadOnlySpan<byte> CheckText()
        {
            var bytes = buffer.AsSpan(ValueStart, ValueLength);
            if (JsonText.Check(bytes) is { } problem)
            {
                // JsonText names the field inside the value; "body" is the value itself.
                var message = problem.Field == "body" && problem.Message.StartsWith("body", StringComparison.Ordinal)
                    ? "the value" + problem.Message["body".Length..]
                    : problem.Message;
                throw new EpcisDocumentFormatException(problem.Malformed ? "malformed-json" : "invalid-text", ValuePointer,
                    $"{Describe(ValuePointer)}: {message}");
            }
            return bytes;
        }

        private EpcisDocumentFormatException Duplicate(JsonException e) =>
            new("duplicate-property", ValuePointer, $"{Describe(ValuePointer)} repeats a property name: {e.Message}");

        private Part? Step()
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(position, end - position), final, state);
            Part? part;
            try
            {
                part = Advance(ref reader);
            }
            catch (JsonException e)
            {
                // The reader state carries line and byte position across refills, so its message places the fault.
                throw new EpcisDocumentFormatException("malformed-json", Pointer,
                    $"The document is not valid JSON (in {Describe(Pointer)}): {e.Message}");
            }
            position += (int)reader.BytesConsumed;
            state = reader.CurrentState;
            return part;
        }

        /// <summary>Reads tokens until a part is ready (null: more bytes are needed).</summary>
        private Part? Advance(ref Utf8JsonReader reader)
        {
            while (reader.Read())
            {
                var token = reader.TokenType;
                var start = position + (int)reader.TokenStartIndex;
                if (capturing)
                {
                    // Inside a value nothing is looked at until its closing token; the reader checks the syntax.
                    if (token is JsonTokenType.EndObject or JsonTokenType.EndArray && reader.CurrentDepth == captureDepth)
                        return Captured(keep, position + (int)reader.BytesConsumed);
                    continue;
                }
                switch (where)
                {
                    case Where.Start:
                        if (token != JsonTokenType.StartObject)
                            throw Shape("/", $"An EPCIS document is a JSON object; this one is {Kind(token)}.");
                        where = Where.Root;
                        break;
                    case Where.Root:
                        if (token == JsonTokenType.EndObject)
                        {
                            if (!sawBody) throw Shape("/", "The document has no epcisBody.");
                            where = Where.Done; // reading on lets the reader refuse anything after the document
                            break;
                        }
                        Name = NameOf(ref reader, rootNames, "/");
                        where = Where.RootValue;
                        break;
                    case Where.RootValue:
                        if (Name == "epcisBody")
                        {
                            if (token != JsonTokenType.StartObject) throw Shape("/epcisBody", $"epcisBody must be an object; it is {Kind(token)}.");
                            (where, sawBody) = (Where.Body, true);
                            return Part.BodyStart;
                        }
                        where = Where.Root;
                        if (Begin(ref reader, start, Part.RootValue, Child("/", Name)) is { } rootValue) return rootValue;
                        break;
                    case Where.Body:
                        if (token == JsonTokenType.EndObject)
                        {
                            if (!sawList) throw Shape("/epcisBody", "epcisBody has no eventList.");
                            where = Where.Root;
                            break;
                        }
                        Name = NameOf(ref reader, bodyNames, "/epcisBody");
                        where = Where.BodyValue;
                        break;
                    case Where.BodyValue:
                        if (Name == "eventList")
                        {
                            if (token != JsonTokenType.StartArray)
                                throw Shape("/epcisBody/eventList", $"eventList must be an array; it is {Kind(token)}.");
                            (where, sawList) = (Where.List, true);
                            return Part.ListStart;
                        }
                        where = Where.Body;
                        if (Begin(ref reader, start, Part.BodyValue, Child("/epcisBody", Name)) is { } bodyValue) return bodyValue;
                        break;
                    case Where.List:
                        if (token == JsonTokenType.EndArray)
                        {
                            where = Where.Body;
                            break;
                        }
                        Index++;
                        if (token != JsonTokenType.StartObject)
                            throw Shape($"/epcisBody/eventList/{Index}", $"Event {Index} must be a JSON object; it is {Kind(token)}.");
                        Begin(ref reader, start, Part.Event, $"/epcisBody/eventList/{Index}");
                        break;
                }
            }
            // With the final block read, the reader has thrown unless the document ended; otherwise it wants more bytes.
            return final ? Part.End : null;
        }

        /// <summary>A value starts: a scalar is complete in its token, an object or array is kept until it closes.</summary>
        private Part? Begin(ref Utf8JsonReader reader, int start, Part part, string pointer)
        {
            ValuePointer = pointer;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                (capturing, captureDepth, keep, captured) = (true, reader.CurrentDepth, start, part);
                return null;
            }
            captured = part;
            return Captured(start, position + (int)reader.BytesConsumed);
        }

        private Part Captured(int start, int stop)
        {
            (capturing, keep) = (false, -1);
            (ValueStart, ValueLength) = (start, stop - start);
            if (ValueLength > options.MaxEventBytes) throw TooLarge(ValuePointer);
            if (captured != Part.Event)
            {
                // The header is held whole in the first pass; bound it like one event.
                headerBytes += ValueLength + Name.Length;
                if (headerBytes > options.MaxEventBytes)
                    throw new EpcisDocumentFormatException("too-large", ValuePointer,
                        $"The document's top level without its events is larger than {options.MaxEventBytes} bytes.");
            }
            return captured;
        }

        private async ValueTask RefillAsync(CancellationToken ct)
        {
            // Bytes before the value being read (or, between values, before the reader's position) are done with.
            var from = keep >= 0 ? keep : position;
            if (end - from > options.MaxEventBytes) throw TooLarge(Pointer); // the value (or one token) alone is past the cap
            if (from > 0)
            {
                buffer.AsSpan(from, end - from).CopyTo(buffer);
                (end, position) = (end - from, position - from);
                if (keep >= 0) keep = 0;
            }
            if (buffer.Length - end < options.ReadChunkBytes)
            {
                var grown = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, end + options.ReadChunkBytes));
                buffer.AsSpan(0, end).CopyTo(grown);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = grown;
                options.BufferGrown?.Invoke(buffer.Length);
            }
            var read = await stream.ReadAsync(buffer.AsMemory(end, options.ReadChunkBytes), ct);
            if (read == 0) final = true;
            end += read;
        }

        /// <summary>Where the reader is: the value being read, else the container it is in.</summary>
        private string Pointer => capturing ? ValuePointer : where switch
        {
            Where.RootValue => Child("/", Name),
            Where.Body => "/epcisBody",
            Where.BodyValue => Child("/epcisBody", Name),
            Where.List => "/epcisBody/eventList",
            _ => "/",
        };

        private static string NameOf(ref Utf8JsonReader reader, HashSet<string> seen, string parent)
        {
            string name;
            try
            {
                name = reader.GetString()!;
            }
            catch (InvalidOperationException)
            {
                throw new EpcisDocumentFormatException("invalid-text", parent, $"A property name in {Describe(parent)} is not valid UTF-8 text.");
            }
            if (JsonText.HasControlCharacters(name))
                throw new EpcisDocumentFormatException("invalid-text", parent,
                    $"A property name in {Describe(parent)} contains a control character; only tab, CR and LF are allowed.");
            if (!seen.Add(name))
                throw new EpcisDocumentFormatException("duplicate-property", Child(parent, name), $"{Describe(parent)} repeats the property '{name}'.");
            return name;
        }

        private EpcisDocumentFormatException TooLarge(string pointer) =>
            new("too-large", pointer, $"{Describe(pointer)} is larger than the {options.MaxEventBytes} bytes one event may take.");

        private static EpcisDocumentFormatException Shape(string pointer, string message) => new("not-epcis-document", pointer, message);

        private static string Child(string parent, string name) =>
            (parent == "/" ? "/" : parent + "/") + name.Replace("~", "~0").Replace("/", "~1");

        private static string Describe(string pointer) => pointer == "/" ? "the document" : pointer;

        private static string Kind(JsonTokenType token) => token switch
        {
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            _ => "null",
        };

        public void Dispose() => ArrayPool<byte>.Shared.Return(buffer);
    }
}
