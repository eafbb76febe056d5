using Registry.Api.GraphQL.Integrity;
using Registry.Api.GraphQL.Materials;
using Registry.Api.GraphQL.Organizations;
using GraphQL.Types;
using Registry.Api.GraphQL.Kpis;
using Registry.Api.GraphQL.Lineage;
using Registry.Api.GraphQL.Lots;
using Registry.Api.GraphQL.Passports;
using Registry.Api.GraphQL.SupplyRisk;
using Registry.Api.GraphQL.Transformations;

namespace Registry.Api.GraphQL;

/// <summary>
/// The root of every read; each capability adds its own fields. Every root field is nullable: an error in one
/// (a bad argument, a refusal) nulls that field alone and its siblings still answer (docs: api.md, GraphQL additions).
/// </summary>
public sealed class RegistryQuery : ObjectGraphType
{
    public RegistryQuery()
    {
        Name = "Query";
        this.AddLotFields();
        this.AddGrantFields();
        this.AddLotReadFields();
        this.AddTraceFields();
        this.AddTransformationFields();
        this.AddKpiFields();
        this.AddSupplyRiskFields();
        this.AddOrganizationFields();
        this.AddMaterialFields();
        this.AddIntegrityFields();
        this.AddPassportFields();
    }
}
