using GraphQL.Types;
using Registry.Api.GraphQL.Lots;
using Registry.Api.ReferenceData;
using Registry.Domain.Lots;
using Registry.Domain.SupplyRisk;
using Registry.Projections.SupplyRisk;

namespace Registry.Api.GraphQL.SupplyRisk;

public sealed class CountryShareType : ObjectGraphType<CountryShare>
{
    public CountryShareType()
    {
        Name = "CountryShare";
        Field(x => x.Country);
        Field(x => x.Share).Description("Fraction of the element's primary mass that entered the supply chain.");
        Field(x => x.MassKg);
    }
}

public sealed class SupplyRiskType : ObjectGraphType<SupplyRiskAnswer>
{
    public SupplyRiskType()
    {
        Name = "SupplyRisk";
        Field(x => x.Element);
        Field(x => x.Year);
        Field(x => x.ImportingCountry);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CountryShareType>>>>("sourcing").Resolve(c => c.Source.Sourcing);
        Field(x => x.Hhi).Description("Herfindahl-Hirschman index of the sourcing shares, 0-10,000; 0 with a reason in missing when nothing entered.");
        Field(x => x.TopCountry, nullable: true);
        Field(x => x.TopShare, nullable: true);
        Field(x => x.HhiWgiSourcing, nullable: true).Description("Σ share² × WGI (0-10) over actual sourcing.");
        Field(x => x.HhiWgiGlobal, nullable: true).Description("Σ share² × WGI (0-10) over global production (reference data).");
        Field(x => x.ImportReliance, nullable: true).Description("(imports − exports) ÷ apparent consumption of primary mass.");
        Field(x => x.EolRir, nullable: true).Description("recycled:post share of the element entering manufacturing.");
        Field(x => x.SubstitutionIndex, nullable: true);
        Field(x => x.SupplyRisk, nullable: true).Description("The EU CRM supply-risk score; null when an input is missing (see missing).");
        Field<BooleanGraphType>("aboveThreshold").Description("SR at or above the EU criticality threshold for supply risk.")
            .Resolve(c => c.Source.SupplyRisk is { } sr ? sr >= c.Service<SupplyRiskReference>().SupplyRiskThreshold : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("referenceSources").Resolve(c => c.Source.ReferenceSources);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("missing")
            .Description("Why a figure is null.").Resolve(c => c.Source.Missing);
    }
}

public sealed class ProductExposureType : ObjectGraphType<ProductExposure>
{
    public ProductExposureType()
    {
        Name = "ProductExposure";
        Field(x => x.ProductType).Description("The product type, else the product material (XEV, PACKAGING...).");
        Field(x => x.ElementKg).Description("The element in lots of this product type.");
        Field(x => x.FromCountryKg).Description("The part of it from the exposed country.");
        Field(x => x.ShareAtRisk).Description("The share of this product type's element supply that would stop with that country's.");
    }
}

/// <summary>An exposure answer with the lots the caller may see.</summary>
public sealed record Exposure(ExposureAnswer Answer, IReadOnlyList<Lot> Lots);

public sealed class ExposureType : ObjectGraphType<Exposure>
{
    public ExposureType()
    {
        Name = "Exposure";
        Field<NonNullGraphType<StringGraphType>>("country").Resolve(c => c.Source.Answer.Scope.Country);
        Field<NonNullGraphType<StringGraphType>>("component").Description("The element, or \"*\" for whole-lot mass.")
            .Resolve(c => c.Source.Answer.Scope.Component);
        Field<IntGraphType>("year").Resolve(c => c.Source.Answer.Scope.Year);
        Field<NonNullGraphType<DecimalGraphType>>("enteringMassKg")
            .Description("Mass from the country in lots registered (entering the registry): each kilogram counted once.")
            .Resolve(c => c.Source.Answer.EnteringKg);
        Field<NonNullGraphType<IntGraphType>>("lotCount").Description("Lots at any stage whose provenance includes the country.")
            .Resolve(c => c.Source.Answer.LotCount);
        Field<NonNullGraphType<IntGraphType>>("organizationCount").Resolve(c => c.Source.Answer.OrganizationCount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LotType>>>>("lots")
            .Description($"For a company, its most exposed lots by mass from the country (at most {SupplyRiskQueries.MaxLots}); " +
                         "ministries and admins get counts only.")
            .Resolve(c => c.Source.Lots);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProductExposureType>>>>("products").Resolve(c => c.Source.Answer.Products);
    }
}
