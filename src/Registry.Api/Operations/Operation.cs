using Registry.Domain.Lots;
using Registry.Domain.Organizations;

namespace Registry.Api.Operations;

/// <summary>A request as a door received it (nullable, string-typed); once validated, the complete command.</summary>
public interface IRequest<out TCommand>
{
    TCommand ToCommand();
}

/// <summary>
/// What a decision may consult: the actor, the time, the lots the command names as the door loaded them (a lot the
/// actor may not see is absent, as a missing one), the organizations it names, and ids for the streams it starts.
/// </summary>
public sealed class OperationContext(
    Actor actor, DateTimeOffset now, Func<Guid, Lot?> lots, Func<string, Organization?> organizations)
{
    public Actor Actor => actor;
    public DateTimeOffset Now => now;
    public Lot? Lot(Guid id) => lots(id);
    public Organization? Organization(string name) => organizations(name);
    public Guid NewId() => Guid.CreateVersion7();
}

/// <summary>
/// One write operation, described once for every door (REST route, NDJSON import, EPCIS capture): its name, its
/// request, what it names, and its decision. A door validates the request, loads what the command names, asks
/// the operation to decide and writes the decision's events to their streams.
/// </summary>
public interface IOperation
{
    /// <summary>The import's <c>op</c> and the catalogue's key, e.g. <c>TransferLot</c>.</summary>
    string Name { get; }
    Type RequestType { get; }
    /// <summary>Acts on the lot the route's <c>{lotId}</c> or the import line's <c>lot</c> names.</summary>
    bool OnLot { get; }
    object ToCommand(object request);
    /// <summary>Why the actor may not act on the lot, checked before If-Match (by default: it is not the holder).</summary>
    Rejection? CheckActor(Lot lot, Guid actor);
    /// <summary>Other lots the command reads or changes (a transformation's inputs).</summary>
    IEnumerable<Guid> LotsNamed(object command);
    IEnumerable<string> OrganizationsNamed(object command);
    /// <summary>Lot numbers the command takes for its new lots, with the field that gives each.</summary>
    IEnumerable<(string Field, string LotNumber)> LotNumbersTaken(object command);
    /// <summary>The request's list of input lines naming lots by <c>lotId</c>, which an import line may name by
    /// number instead (<c>"lot": {"lotNumber": …}</c>); null when it has none.</summary>
    string? InputLinesField { get; }
    /// <param name="target">The lot acted on, for <see cref="OnLot"/> operations; null otherwise.</param>
    Decision Decide(object command, Lot? target, OperationContext context);
    /// <summary>What every door answers to an accepted decision; <paramref name="targetVersion"/> is the version the
    /// lot acted on was at.</summary>
    WriteAnswer AnswerTo(Decision decision, Lot? target, long targetVersion);
}

public sealed record Operation<TRequest, TCommand> : IOperation where TRequest : IRequest<TCommand>
{
    private readonly Func<TCommand, Lot?, OperationContext, Decision> decide;

    private Operation(
        string name, bool onLot, Func<TCommand, Lot?, OperationContext, Decision> decide,
        Func<Decision, Lot?, long, WriteAnswer> answer) =>
        (Name, OnLot, this.decide, Answer) = (name, onLot, decide, answer);

    /// <summary>An operation on one existing lot, which the door loads, checks and passes in; answered 200 with the
    /// lot's new version unless it says otherwise.</summary>
    public static Operation<TRequest, TCommand> OnLotNamed(string name, Func<TCommand, Lot, OperationContext, Decision> decide) =>
        new(name, true, (command, lot, context) => decide(command, lot!, context),
            (decision, lot, version) => WriteAnswer.OnLot(decision, lot!, version));

    /// <summary>An operation that starts streams, reading only the lots <see cref="Lots"/> names; answered 201 with
    /// the lot it starts unless it says otherwise.</summary>
    public static Operation<TRequest, TCommand> Starting(string name, Func<TCommand, OperationContext, Decision> decide) =>
        new(name, false, (command, _, context) => decide(command, context), (decision, _, _) => WriteAnswer.StartedLot(decision));

    public string Name { get; }
    public Type RequestType => typeof(TRequest);
    public bool OnLot { get; }
    public Func<TCommand, IEnumerable<Guid>> Lots { get; init; } = _ => [];
    public Func<TCommand, IEnumerable<string>> Organizations { get; init; } = _ => [];
    public Func<TCommand, IEnumerable<(string Field, string LotNumber)>> LotNumbers { get; init; } = _ => [];
    public string? InputLinesField { get; init; }
    public Func<Lot, Guid, Rejection?> ActorCheck { get; init; } = LotRules.CheckHolder;
    public Func<Decision, Lot?, long, WriteAnswer> Answer { get; init; }

    public object ToCommand(object request) => ((TRequest)request).ToCommand()!;
    public Rejection? CheckActor(Lot lot, Guid actor) => ActorCheck(lot, actor);
    public IEnumerable<Guid> LotsNamed(object command) => Lots((TCommand)command);
    public IEnumerable<string> OrganizationsNamed(object command) => Organizations((TCommand)command);
    public IEnumerable<(string Field, string LotNumber)> LotNumbersTaken(object command) => LotNumbers((TCommand)command);
    public Decision Decide(object command, Lot? target, OperationContext context) => decide((TCommand)command, target, context);
    public WriteAnswer AnswerTo(Decision decision, Lot? target, long targetVersion) => Answer(decision, target, targetVersion);
}
