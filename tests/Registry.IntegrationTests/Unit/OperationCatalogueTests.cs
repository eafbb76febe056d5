using System.Reflection;
using FluentValidation;
using Registry.Api.Operations;
using Wolverine.Http;

namespace Registry.IntegrationTests.Unit;

/// <summary>Every operation a route serves is in the catalogue the other doors read, under a name of its own.</summary>
public sealed class OperationCatalogueTests
{
    private static readonly Type[] Endpoints = typeof(OperationCatalogue).Assembly.GetTypes()
        .Where(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Any(f => typeof(IOperation).IsAssignableFrom(f.FieldType)))
        .ToArray();

    [Fact]
    public void Each_described_operation_is_catalogued_once_and_served_by_a_route()
    {
        Assert.NotEmpty(Endpoints);
        foreach (var endpoint in Endpoints)
        {
            var operation = (IOperation)endpoint.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Single(f => typeof(IOperation).IsAssignableFrom(f.FieldType)).GetValue(null)!;
            Assert.Same(operation, OperationCatalogue.Find(operation.Name));
            // Every door validates before ToCommand() dereferences what the validator guarantees.
            Assert.Contains(endpoint.Assembly.GetTypes(), t => typeof(IValidator<>).MakeGenericType(operation.RequestType).IsAssignableFrom(t));
            Assert.Contains(endpoint.GetMethods(), m => m.GetCustomAttribute<WolverinePostAttribute>() is not null);
        }
        Assert.Equal(OperationCatalogue.All.Count, OperationCatalogue.Names.Distinct().Count());
        Assert.Equal(Endpoints.Length, OperationCatalogue.All.Count);
    }
}
