using Marten.Events.Aggregation;
using Registry.Domain.Transformations;

namespace Registry.Projections.Transformations;

/// <summary>The transformation as read back by <c>transformation(id)</c>; inline, like the lot view.</summary>
public partial class TransformationProjection : SingleStreamProjection<Transformation, Guid>
{
    public static Transformation Create(TransformationRecorded e) => Transformation.Create(e);
}
