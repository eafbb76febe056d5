namespace Registry.Domain.Materials;

public enum MaterialCategory { Plastic, BatteryMaterial, RareMetal, Product }
