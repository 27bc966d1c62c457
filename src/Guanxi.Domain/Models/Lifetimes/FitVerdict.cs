namespace Guanxi.Domain.Models.Lifetimes;

/// <summary>
/// Whether a maximum-likelihood fit can be trusted. <see cref="Converged"/> is false when the optimiser did not
/// reach a maximum (the gradient is not near zero, the starts disagree, or a parameter runs off towards 0 or ∞);
/// the fit's numbers are then not estimates. <see cref="NotIdentified"/> lists parameters along which the
/// likelihood is flat at the maximum: the fit is usable, but their values are arbitrary.
/// </summary>
public sealed record FitVerdict
{
    public bool Converged { get; init; }

    /// <summary>In English: why the fit did not converge, or which parameters the data do not pin down; null when neither.</summary>
    public string? Warning { get; init; }

    /// <summary>Parameter names (r, alpha, a, b; p, q, gamma) the likelihood is flat along.</summary>
    public IReadOnlyList<string> NotIdentified { get; init; } = [];

    /// <summary>Largest |∂ log-likelihood / ∂ ln θ| per customer at the result (numerical, central differences).</summary>
    public double Gradient { get; init; }

    /// <summary>Starting points optimised, and how many of them reached the best log-likelihood.</summary>
    public int Starts { get; init; }

    public int StartsAgreeing { get; init; }

    /// <summary>The verdict of a fit that was never checked (a record built by hand from known parameters).</summary>
    public static FitVerdict Unchecked { get; } = new() { Converged = true };
}
