namespace Guanxi.Models;

/// <summary>One figure a model gives a customer (segment, churn risk, CLV…) with the reason behind it; a class's key when it is one.</summary>
public sealed record CustomerModelFact(string Model, string Label, string Value, string? Explanation, string? ClassKey = null);
