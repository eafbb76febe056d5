namespace Registry.Api.Demo;

/// <summary>A waste stream of a year: general (household, post-consumer) or industrial (pre-consumer) plastic.</summary>
public sealed record PwmiStream(string Name, int TenThousandTonnes, string WasteKind);

/// <summary>Mass leaving the waste stage by one route, in 万t (10,000 t).</summary>
public sealed record PwmiRoute(string Route, int TenThousandTonnes);

public sealed record PwmiYear(int Year, IReadOnlyList<PwmiStream> Streams, IReadOnlyList<PwmiRoute> Routes, string Sources);

/// <summary>
/// Japan's plastic waste flows 2019-2023 as the Plastic Waste Management Institute published them
/// (../shared/reference-data/figures-and-sources.md §1), in 万t. The registry records 1 t per 1,000 t published,
/// so 1万t becomes 10,000 kg. Totals and effectively used masses are published (V); routes are the published
/// shares of the total where given, the rest derived so that MR + CR + TR equals the published effective use;
/// where PWMI gives no split of the unused part, it follows 2020's simple incineration : landfill (66 : 47).
/// </summary>
public static class PwmiPlasticFlows
{
    public const decimal KgPerTenThousandTonnes = 10_000m;

    public static IReadOnlyList<PwmiYear> Years { get; } =
    [
        // 850 generated, 726 effectively used (85%); general 412 / industrial 438. MR ~22%, CR ~3% (unverified
        // split), TR = 726 - 187 - 26 = 513; unused 124 split 72 : 52.
        new(2019, [new("GENERAL", 412, "PostConsumer"), new("INDUSTRIAL", 438, "PreConsumer")],
            [new("MaterialRecycling", 187), new("ChemicalRecycling", 26), new("EnergyRecovery", 513),
             new("Incineration", 72), new("Landfill", 52)],
            "PWMI column-1522 (2020-12-20): 850万t, 726万t, 85%; route split ~22/3/60/15% unverified"),
        // 822 generated, 710 used (86%); general 410 / industrial 412 (NEF gives 413; PWMI's total is 822).
        // MR 21% ~173, CR 3% = 25, TR = 710 - 173 - 25 = 512 (62%); unused 112: incineration 66 + landfill 46
        // (NEF: 66 + 47 = 113, one off by rounding).
        new(2020, [new("GENERAL", 410, "PostConsumer"), new("INDUSTRIAL", 412, "PreConsumer")],
            [new("MaterialRecycling", 173), new("ChemicalRecycling", 25), new("EnergyRecovery", 512),
             new("Incineration", 66), new("Landfill", 46)],
            "PWMI column-226 (2021-12-15): 822万t, 710万t, 86%; NEF summary: MR 21%, CR 3%, TR 62%, incineration 66万t, landfill 47万t"),
        // 824 generated, 717 used (87%); general 419 / industrial 405. MR 21% = 173, CR 4% = 33, TR 511 (62%);
        // unused 107 split 62 : 45.
        new(2021, [new("GENERAL", 419, "PostConsumer"), new("INDUSTRIAL", 405, "PreConsumer")],
            [new("MaterialRecycling", 173), new("ChemicalRecycling", 33), new("EnergyRecovery", 511),
             new("Incineration", 62), new("Landfill", 45)],
            "PWMI column-790 (2022-12-16): 824万t, 717万t, 87%; NEF: MR 21%, CR 4%; Yamagata Pref.: TR 62%, unused 13%"),
        // 823 generated, 717 used (87%); general 424 / industrial 399. MR ~22% = 181, CR ~3% = 25 (unverified
        // split), TR = 717 - 181 - 25 = 511; unused 106 split 62 : 44.
        new(2022, [new("GENERAL", 424, "PostConsumer"), new("INDUSTRIAL", 399, "PreConsumer")],
            [new("MaterialRecycling", 181), new("ChemicalRecycling", 25), new("EnergyRecovery", 511),
             new("Incineration", 62), new("Landfill", 44)],
            "PWMI column-2358 (2023-12-22): 823万t, 717万t, 87%; route split ~22/3/62/13% unverified"),
        // 769 generated, 688 used (89%); no general/industrial split published. MR 22% = 169, CR ~3% = 23,
        // TR = 688 - 169 - 23 = 496 (64%); unused 81 split 47 : 34.
        new(2023, [new("ALL", 769, "PostConsumer")],
            [new("MaterialRecycling", 169), new("ChemicalRecycling", 23), new("EnergyRecovery", 496),
             new("Incineration", 47), new("Landfill", 34)],
            "PWMI column-2566 (2024-12-23): 769万t, 688万t, 89%; Nikkei 2025-10-27: MR 22%, TR 64% (V2)"),
    ];
}
