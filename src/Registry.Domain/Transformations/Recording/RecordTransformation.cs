using Registry.Domain.Lots;
using Registry.Domain.Materials;
using Registry.Domain.Organizations;
using Registry.Domain.Provenance;

namespace Registry.Domain.Transformations.Recording;

/// <summary>Consume mass from input lots and produce output lots, in one atomic step.</summary>
public sealed record RecordTransformation(
    TransformationProcess Process, DateTimeOffset OccurredAt, IReadOnlyList<InputLine> Inputs, IReadOnlyList<OutputLine> Outputs);

public sealed record InputLine(Guid LotId, decimal MassKg);

/// <param name="Composition">Declared; null derives it from the inputs by mass balance.</param>
public sealed record OutputLine(
    string LotNumber,
    MaterialCategory Category,
    string Material,
    decimal MassKg,
    IReadOnlyDictionary<string, decimal>? Composition = null,
    string? ProductType = null,
    int? Units = null,
    string? EpcClass = null);

public static class RecordTransformationDecider
{
    /// <summary>
    /// The events of the whole step: <see cref="LotConsumed"/> per input (in lot id order, so concurrent steps
    /// take row locks in one order), <see cref="LotProduced"/> per output, and <see cref="TransformationRecorded"/>.
    /// </summary>
    /// <param name="inputs">The input lots that exist, by id; a missing one is an unknown lot.</param>
    /// <param name="outputIds">New lot ids, one per output line.</param>
    public static Decision Decide(
        RecordTransformation command, Guid transformationId, IReadOnlyList<Guid> outputIds,
        IReadOnlyDictionary<Guid, Lot> inputs, Actor actor, DateTimeOffset now)
    {
        var (process, occurredAt) = (command.Process, command.OccurredAt);
        if (LotRules.CheckTime(occurredAt, now) is { } early) return early;

        var (lines, outputs) = (command.Inputs, command.Outputs);
        var contributions = new List<Contribution>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (!inputs.TryGetValue(line.LotId, out var lot))
                return new Rejection(RejectionKind.NotFound, "lot-not-found",
                    $"inputs[{i}]: no lot {line.LotId} is registered.", $"inputs[{i}].lotId");
            if (CheckInput(lot, line.MassKg, process, actor, occurredAt, now, i) is { } rejected) return rejected;
            contributions.Add(Contribution.Of(lot, line.MassKg, process.IsRecycling()));
        }

        var inputKg = contributions.Sum(c => c.MassKg);
        var outputKg = outputs.Sum(o => o.MassKg);
        if (outputKg > inputKg)
            return new Rejection(RejectionKind.InvalidField, "outputs-exceed-inputs",
                $"The outputs weigh {outputKg} kg, more than the {inputKg} kg consumed.", "outputs");

        var mixture = MassBalance.MixComposition(contributions);
        var compositions = outputs.Select(o => o.Composition ?? mixture).ToList();
        if (CheckElements(outputs, compositions, MassBalance.ElementMasses(contributions)) is { } tooMuch) return tooMuch;

        var provenance = MassBalance.MixProvenance(contributions, compositions.SelectMany(c => c.Keys));
        var produced = outputs.Select((o, j) => new LotProduced(
            outputIds[j], o.LotNumber, actor.OrganizationId, transformationId,
            o.Category, o.Material, o.MassKg, actor.Country, compositions[j],
            compositions[j].Keys.Prepend(Elements.Bulk).Where(provenance.ContainsKey).ToDictionary(c => c, c => provenance[c]),
            o.ProductType, o.Units, occurredAt) { EpcClass = o.EpcClass }).ToList();

        var consumed = lines
            .Select(line => new LotConsumed(line.LotId, actor.OrganizationId, transformationId, line.MassKg, occurredAt))
            .OrderBy(e => e.LotId);
        var recorded = new TransformationRecorded(
            transformationId, actor.OrganizationId, process,
            lines.Select(l => new TransformationInput(l.LotId, l.MassKg)).ToList(),
            produced.Select(p => new TransformationOutput(p.LotId, p.LotNumber, p.MassKg)).ToList(),
            inputKg, outputKg, inputKg - outputKg, occurredAt);

        return Decision.AcceptBy(actor, [.. consumed, .. produced, recorded]);
    }

    private static Rejection? CheckInput(
        Lot lot, decimal massKg, TransformationProcess process, Actor actor, DateTimeOffset occurredAt,
        DateTimeOffset now, int index)
    {
        if (LotRules.CheckActorAndTime(lot, actor.OrganizationId, occurredAt, now) is { } rejected)
            return rejected.Field is null ? rejected with { Detail = $"inputs[{index}]: {rejected.Detail}" } : rejected;
        if (lot.Stage == LotStage.OnMarket)
            return new(RejectionKind.Conflict, "on-market",
                $"inputs[{index}]: the lot is on the market; collect it as waste before transforming it.");
        if (process.IsRecycling() && lot.Stage != LotStage.Waste)
            return new(RejectionKind.Conflict, "not-waste",
                $"inputs[{index}]: {process} consumes only waste lots; this one is {lot.Stage}.");
        return LotRules.CheckRemaining(lot, massKg, $"inputs[{index}].massKg");
    }

    /// <summary>No element from nothing: for every element, the outputs together hold at most what the inputs held.</summary>
    private static Rejection? CheckElements(
        IReadOnlyList<OutputLine> outputs, List<IReadOnlyDictionary<string, decimal>> compositions,
        IReadOnlyDictionary<string, decimal> available)
    {
        foreach (var element in compositions.SelectMany(c => c.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            var declaredKg = outputs.Select((o, j) => o.MassKg * compositions[j].GetValueOrDefault(element)).Sum();
            var availableKg = available.GetValueOrDefault(element);
            if (declaredKg <= availableKg) continue;
            var first = outputs.ToList().FindIndex(o => o.Composition?.ContainsKey(element) ?? false);
            return new(RejectionKind.InvalidField, "element-exceeds-inputs",
                $"The outputs hold {declaredKg} kg of {element}, the inputs only {availableKg} kg.",
                first >= 0 ? $"outputs[{first}].composition[{element}]" : "outputs");
        }
        return null;
    }
}
