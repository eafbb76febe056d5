using GraphQL.Builders;
using GraphQL.Types;
using Registry.Domain.Kpis;

namespace Registry.Api.GraphQL.Kpis;

public static class KpiArguments
{
    /// <summary>The optional region and "as of" moment every KPI field takes.</summary>
    public static FieldBuilder<object?, TReturn> ScopedByRegionAndTime<TReturn>(this FieldBuilder<object?, TReturn> field) => field
        .Argument<StringGraphType>("region", a => a.Description = "Country of the organization that recorded the event; omitted, all regions.")
        .Argument<DateTimeWithOffsetGraphType>("asOf", a => a.Description = "Answer as the registry knew it then: events recorded later are left out.");
}

/// <summary>A KPI answer beside the targets it is measured against, with why its null figures are null.</summary>
public sealed record KpiReport<TAnswer>(TAnswer Answer, IReadOnlyList<KpiTarget> Targets, IReadOnlyList<string> Missing);

/// <summary>One KPI in one year beside the target ahead of it, in its unit, with why it is null if it is.</summary>
public sealed record KpiPoint(string Kpi, int Year, double? Value, KpiTarget? Target, string Unit, IReadOnlyList<string> Missing);

public static class KpiAnswerFields
{
    public const string UnitsDescription =
        "The unit of each figure of this answer: \"kg\" (kilograms), \"fraction\" (a rate or share, 1.0 = 100%, as " +
        "KpiTarget.unit) or \"units\" (a count of products).";

    /// <summary>The answer's <c>missing</c> and <c>units</c> fields.</summary>
    public static void AddMissingAndUnits<TAnswer>(this ObjectGraphType<KpiReport<TAnswer>> type, IReadOnlyList<FigureUnit> units)
    {
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("missing")
            .Description("Why a figure is null, one sentence per null figure, \"figure: why\" (e.g. \"recyclingRate: no " +
                         "plastic waste recorded in 2031\"); empty when every figure has a value.")
            .Resolve(c => c.Source.Missing);
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<FigureUnitType>>>>("units")
            .Description(UnitsDescription).Resolve(_ => units);
    }
}

public sealed class FigureUnitType : ObjectGraphType<FigureUnit>
{
    public FigureUnitType()
    {
        Name = "FigureUnit";
        Field(x => x.Figure).Description("The field, dotted below a list (e.g. recoveryEfficiency.rate).");
        Field(x => x.Unit).Description("\"kg\", \"fraction\" (1.0 = 100%) or \"units\" (a count of products).");
    }
}

public sealed class KpiTargetType : ObjectGraphType<KpiTarget>
{
    public KpiTargetType()
    {
        Name = "KpiTarget";
        Field(x => x.Kpi);
        Field(x => x.Year).Description("The year the target is due.");
        Field(x => x.Value).Description("A fraction (1.0 = 100%) for rates, kilograms for masses: see unit.");
        Field(x => x.Unit);
        Field(x => x.Source).Description("Where the figure comes from.");
        Field(x => x.Status).Description("V: read in a primary source; V2: through a secondary one; D: derived; UNVERIFIED: not found yet.");
        Field<NonNullGraphType<StringGraphType>>("referenceDataVersion").Description("The version of the target file that answered.")
            .Resolve(c => c.Service<KpiTargets>().Version);
    }
}

public sealed class PlasticsKpisType : ObjectGraphType<KpiReport<PlasticsAnswer>>
{
    public PlasticsKpisType()
    {
        Name = "PlasticsKpis";
        Field<NonNullGraphType<IntGraphType>>("year").Resolve(c => c.Source.Answer.Year);
        Field<NonNullGraphType<DecimalGraphType>>("wasteKg").Description("All plastic waste leaving the waste stage in the year.")
            .Resolve(c => c.Source.Answer.WasteKg);
        foreach (var route in Enum.GetValues<WasteRoute>())
            Field<NonNullGraphType<DecimalGraphType>>($"{char.ToLowerInvariant(route.ToString()[0])}{route.ToString()[1..]}Kg")
                .Resolve(c => c.Source.Answer.KgBy(route));
        Field<FloatGraphType>("effectiveUtilizationRate")
            .Description("Japan: (reuse + material + chemical recycling + energy recovery) ÷ wasteKg; null without waste.")
            .Resolve(c => c.Source.Answer.EffectiveUtilizationRate);
        Field<FloatGraphType>("recyclingRate").Description("EU-style: (material + chemical recycling) ÷ wasteKg; null without waste.")
            .Resolve(c => c.Source.Answer.RecyclingRate);
        Field<NonNullGraphType<DecimalGraphType>>("biomassPlacedOnMarketKg").Resolve(c => c.Source.Answer.BiomassPlacedOnMarketKg);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<KpiTargetType>>>>("targets").Resolve(c => c.Source.Targets);
        this.AddMissingAndUnits(
        [
            new("wasteKg", KpiExplanations.Kilograms),
            .. Enum.GetValues<WasteRoute>().Select(r => new FigureUnit($"{char.ToLowerInvariant(r.ToString()[0])}{r.ToString()[1..]}Kg", KpiExplanations.Kilograms)),
            new("effectiveUtilizationRate", KpiExplanations.Fraction),
            new("recyclingRate", KpiExplanations.Fraction),
            new("biomassPlacedOnMarketKg", KpiExplanations.Kilograms),
        ]);
    }
}

public sealed class ElementRateType : ObjectGraphType<ElementRate>
{
    public ElementRateType()
    {
        Name = "ElementRate";
        Field(x => x.Element);
        Field<FloatGraphType>("rate").Description("numeratorKg ÷ denominatorKg, a fraction (1.0 = 100%); null when the denominator is zero.")
            .Resolve(c => c.Source.Rate);
        Field<NonNullGraphType<StringGraphType>>("unit").Description("The rate's unit: \"fraction\" (the masses are in kg).")
            .Resolve(_ => KpiExplanations.Fraction);
        Field(x => x.NumeratorKg);
        Field(x => x.DenominatorKg);
    }
}

public sealed class BatteryKpisType : ObjectGraphType<KpiReport<BatteryAnswer>>
{
    public BatteryKpisType()
    {
        Name = "BatteryKpis";
        Field<NonNullGraphType<IntGraphType>>("year").Resolve(c => c.Source.Answer.Year);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ElementRateType>>>>("recoveryEfficiency")
            .Description("Li, Co, Ni, Cu: kg in the outputs of recycling steps ÷ kg in their battery inputs.")
            .Resolve(c => c.Source.Answer.RecoveryEfficiency);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ElementRateType>>>>("recycledContent")
            .Description("Co, Li, Ni, Pb: recycled (pre- and post-consumer) kg ÷ kg in battery lots placed on the market.")
            .Resolve(c => c.Source.Answer.RecycledContent);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<KpiTargetType>>>>("targets").Resolve(c => c.Source.Targets);
        this.AddMissingAndUnits(
        [
            .. new[] { "recoveryEfficiency", "recycledContent" }.SelectMany(list => new FigureUnit[]
            {
                new($"{list}.rate", KpiExplanations.Fraction),
                new($"{list}.numeratorKg", KpiExplanations.Kilograms),
                new($"{list}.denominatorKg", KpiExplanations.Kilograms),
            }),
        ]);
    }
}

public sealed class RareEarthKpisType : ObjectGraphType<KpiReport<RareEarthAnswer>>
{
    public RareEarthKpisType()
    {
        Name = "RareEarthKpis";
        Field<NonNullGraphType<IntGraphType>>("year").Resolve(c => c.Source.Answer.Year);
        Field<NonNullGraphType<IntGraphType>>("xevUnitsPlaced").Resolve(c => c.Source.Answer.XevUnitsPlaced);
        Field<NonNullGraphType<IntGraphType>>("hreFreeXevUnits").Description("xEV units placed whose Dy + Tb mass is 0.")
            .Resolve(c => c.Source.Answer.HreFreeXevUnits);
        Field<FloatGraphType>("hreFreeShare").Description("hreFreeXevUnits ÷ xevUnitsPlaced; null without xEV units placed.")
            .Resolve(c => c.Source.Answer.HreFreeShare);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<KpiTargetType>>>>("targets").Resolve(c => c.Source.Targets);
        this.AddMissingAndUnits(
        [
            new("xevUnitsPlaced", KpiExplanations.Units),
            new("hreFreeXevUnits", KpiExplanations.Units),
            new("hreFreeShare", KpiExplanations.Fraction),
        ]);
    }
}

public sealed class KpiPointType : ObjectGraphType<KpiPoint>
{
    public KpiPointType()
    {
        Name = "KpiPoint";
        Field(x => x.Kpi);
        Field(x => x.Year);
        Field(x => x.Value, nullable: true).Description("In unit; null where a rate has no denominator (see missing).");
        Field(x => x.Unit).Description("\"fraction\" for rates and shares (1.0 = 100%), \"kg\" for masses: the unit of its targets.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("missing")
            .Description("Why value is null (e.g. \"no plastic waste recorded in 2031\"); empty when it has one.")
            .Resolve(c => c.Source.Missing);
        Field<KpiTargetType>("target").Description("The first target due in or after the year, else the last one.")
            .Resolve(c => c.Source.Target);
    }
}
