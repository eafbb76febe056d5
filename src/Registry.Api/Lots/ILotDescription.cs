namespace Registry.Api.Lots;

/// <summary>What a new lot is, as a request states it: registered lots and transformation outputs alike.</summary>
public interface ILotDescription
{
    string? LotNumber { get; }
    string? Category { get; }
    string? Material { get; }
    decimal? MassKg { get; }
    Dictionary<string, decimal>? Composition { get; }
    string? ProductType { get; }
    int? Units { get; }
    /// <summary>Its GS1 class: an LGTIN URN or a GS1 Digital Link with a GTIN and lot.</summary>
    string? EpcClass { get; }
}
