namespace Registry.Api.Integrity;

/// <summary>What a check of the chain found (api.md): <c>FirstBroken</c> is null when every event checked is intact.</summary>
public sealed record Verification(bool Valid, long EventsChecked, BrokenLink? FirstBroken)
{
    public static Verification Intact(long eventsChecked) => new(true, eventsChecked, null);
    public static Verification Broken(long eventsChecked, BrokenLink link) => new(false, eventsChecked, link);
}

/// <summary>Where the chain breaks: the event (or the place an event was) and why.</summary>
public sealed record BrokenLink(long Sequence, Guid StreamId, long Version, string Reason);

/// <summary>The reasons a link breaks, one a kind of change, so that a report says what was done.</summary>
public static class BreakReasons
{
    public const string Unhashed = "The event has no hash: it was inserted outside the registry's write path.";
    public const string Deleted = "The event is missing: it was deleted (its hash remains).";
    public const string Changed = "The event does not match its hash: a field was edited, or events were reordered.";
    public const string Moved = "The event's hash names another stream or version: events were reordered.";
    public const string DeletedWithHash = "The event and its hash are missing: they were deleted (the registry chain still links them).";
    public const string VersionMissing = "This version of the stream is missing: the event was deleted with its hash.";
    public const string PreviousMissing = "The stream's previous event is missing: it was deleted with its hash.";
    public const string Unlinked = "The event is not in the registry chain, though later events are: it was inserted after them.";
    public const string LinkDiffers = "The registry chain differs here: an event before this one was removed, or a link rewritten.";
    public const string StreamShortened = "The stream's last events are missing: they were deleted with their hashes.";
    public const string CheckpointDiffers = "The history up to this signed checkpoint was rewritten: the chain no longer reaches its hash.";
    public const string CheckpointSignature = "The checkpoint's signature does not verify with the registry's key.";
}
