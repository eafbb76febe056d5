namespace Registry.Domain.Lots;

public enum LotStage { Active, OnMarket, Waste, Closed }

public enum WasteKind { PostConsumer, PreConsumer }

/// <summary>Terminal routes by which waste mass leaves a lot outside a transformation.</summary>
public enum TreatmentRoute { Reuse, EnergyRecovery, Incineration, Landfill }
