using Registry.Api.Lots.CollectingWaste;
using Registry.Api.Lots.Correcting;
using Registry.Api.Lots.Placing;
using Registry.Api.Lots.Registering;
using Registry.Api.Lots.Sharing;
using Registry.Api.Lots.Transferring;
using Registry.Api.Lots.Treating;
using Registry.Api.Transformations.Recording;

namespace Registry.Api.Operations;

/// <summary>Every write operation, by name: the doors that take commands by name (the import, EPCIS capture) read it.</summary>
public static class OperationCatalogue
{
    public static readonly IReadOnlyList<IOperation> All =
    [
        RegisterLotEndpoint.Operation,
        RecordTransformationEndpoint.Operation,
        TransferLotEndpoint.Operation,
        PlaceLotOnMarketEndpoint.Operation,
        CollectLotAsWasteEndpoint.Operation,
        TreatWasteEndpoint.Operation,
        CorrectLotMassEndpoint.Operation,
        GrantLotReadEndpoint.Operation,
    ];

    private static readonly Dictionary<string, IOperation> ByName = All.ToDictionary(o => o.Name, StringComparer.Ordinal);

    /// <summary>The operation of exactly this name (case and all), or null.</summary>
    public static IOperation? Find(string? name) => name is null ? null : ByName.GetValueOrDefault(name);

    public static IEnumerable<string> Names => All.Select(o => o.Name);
}
