namespace Registry.Domain.Transformations;

public enum TransformationProcess { Manufacturing, Refining, Dismantling, MaterialRecycling, ChemicalRecycling }

public static class TransformationProcesses
{
    /// <summary>Recycling consumes only waste, and relabels the waste's mass as recycled.</summary>
    public static bool IsRecycling(this TransformationProcess process) =>
        process is TransformationProcess.MaterialRecycling or TransformationProcess.ChemicalRecycling;
}
