using GraphQL.Types;

namespace Registry.Api.GraphQL;

public sealed class RegistrySchema : Schema
{
    public RegistrySchema(IServiceProvider services, RegistryQuery query) : base(services)
    {
        Query = query;
    }
}
