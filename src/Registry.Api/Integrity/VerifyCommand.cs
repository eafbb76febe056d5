using System.Text.Json;
using JasperFx.CommandLine;

namespace Registry.Api.Integrity;

public sealed class VerifyInput : NetCoreInput
{
    [Description("A checkpoint saved from /.well-known/registry-checkpoints (one checkpoint's JSON): the history up to it must still reach its hash")]
    public string? CheckpointFlag { get; set; }

    [Description("The registry key saved with it (/.well-known/registry-key's JSON, or its publicKey PEM); default: the key this registry signs with")]
    public string? KeyFlag { get; set; }
}

/// <summary><c>./run.sh verify [--checkpoint file [--key file]]</c>: recomputes every event hash and the registry chain,
/// with progress; exit code 1 when a link is broken.</summary>
[Description("Verifies the registry's hash chain, whole, or up to a saved signed checkpoint")]
public sealed class VerifyCommand : JasperFxAsyncCommand<VerifyInput>
{
    public override async Task<bool> Execute(VerifyInput input)
    {
        using var host = input.BuildHost();
        var verifier = host.Services.GetRequiredService<ChainVerifier>();
        Checkpoint? checkpoint = null;
        if (input.CheckpointFlag is { } file)
        {
            checkpoint = JsonSerializer.Deserialize<Checkpoint>(await File.ReadAllTextAsync(file), JsonSerializerOptions.Web)
                         ?? throw new InvalidOperationException($"{file} holds no checkpoint.");
            using var key = input.KeyFlag is { } keyFile ? RegistryKey.FromPublicPem(PublicPem(await File.ReadAllTextAsync(keyFile))) : null;
            if (!checkpoint.IsSignedBy(key ?? host.Services.GetRequiredService<RegistryKey>()))
                return Report(Verification.Broken(0, new BrokenLink(checkpoint.Sequence, Guid.Empty, 0, BreakReasons.CheckpointSignature)));
        }
        var started = DateTime.UtcNow;
        var progress = new Progress<long>(count => Console.Error.WriteLine($"verify: {count:N0} events checked ({(DateTime.UtcNow - started).TotalSeconds:N0} s)"));
        var walk = await verifier.VerifyRegistryAsync(1, checkpoint?.Sequence ?? long.MaxValue, progress, CancellationToken.None);
        return Report(checkpoint is null || !walk.Verification.Valid ? walk.Verification : Against(checkpoint, walk));
    }

    /// <summary>The chain recomputed from the events must reach the checkpoint's hash at its sequence.</summary>
    public static Verification Against(Checkpoint checkpoint, ChainVerifier.Walk walk) =>
        walk.LinkedTo == checkpoint.Sequence && Convert.ToHexStringLower(walk.Link) == checkpoint.Hash
            ? walk.Verification
            : Verification.Broken(walk.Verification.EventsChecked,
                new BrokenLink(checkpoint.Sequence, Guid.Empty, 0, BreakReasons.CheckpointDiffers));

    private static string PublicPem(string text) =>
        text.TrimStart().StartsWith('{') ? JsonDocument.Parse(text).RootElement.GetProperty("publicKey").GetString()! : text;

    private static bool Report(Verification verification)
    {
        Console.WriteLine(JsonSerializer.Serialize(verification, JsonSerializerOptions.Web));
        Console.Error.WriteLine(verification.Valid
            ? $"verify: the chain holds ({verification.EventsChecked:N0} events)"
            : $"verify: BROKEN at sequence {verification.FirstBroken!.Sequence}: {verification.FirstBroken.Reason}");
        return verification.Valid;
    }
}
