namespace Registry.Api.Infrastructure;

/// <summary>
/// Where a 201's <c>Location</c> points. Reads are GraphQL's (docs/design: no REST read routes), and
/// <c>GET /graphql?query=</c> answers one: so a created lot or transformation is located by the GraphQL query
/// that reads it, with the same key. Organizations are read by name, not id; a new organization, or its new
/// key, is located by <c>viewer</c>, which the key in the answer reads.
/// </summary>
public static class ReadLocations
{
    public static string Lot(Guid id) => Query($"{{ lot(id: \"{id}\") {{ id lotNumber stage version }} }}");

    public static string Transformation(Guid id) => Query($"{{ transformation(id: \"{id}\") {{ id process occurredAt }} }}");

    public static readonly string Viewer = Query("{ viewer { name role country gln } }");

    private static string Query(string query) => "/graphql?query=" + Uri.EscapeDataString(query);
}
