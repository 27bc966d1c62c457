namespace Guanxi.Models;

/// <summary>One figure a model gives a customer (segment, churn risk, CLV…) with the reason behind it.</summary>
public sealed record CustomerModelFact(string Model, string Label, string Value, string? Explanation);
