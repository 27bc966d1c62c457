using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Domain.Sales;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Sales;

/// <summary>The company-wide sales set-up: pipelines with their ordered stages, and the product catalogue.</summary>
public sealed class SalesCatalog(IDbContextFactory<GuanxiDbContext> contexts)
{
    public async Task<IReadOnlyList<PipelineDto>> PipelinesAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var pipelines = await db.Pipelines.AsNoTracking().Include(p => p.Stages).OrderByDescending(p => p.IsDefault).ThenBy(p => p.Name).ToListAsync(ct);
        return [.. pipelines.Select(ToDto)];
    }

    public async Task<PipelineDto> PipelineAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return ToDto(await db.Pipelines.AsNoTracking().Include(p => p.Stages).FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Pipeline"));
    }

    private static PipelineDto ToDto(Pipeline p) =>
        new(p.Id, p.Name, p.IsDefault, p.Version, [.. p.Stages.OrderBy(s => s.Position).Select(s => new StageDto(s.Id, s.Name, s.Position, s.Probability))]);

    public async Task<PipelineDto> CreatePipelineAsync(PipelineInput input, CancellationToken ct = default)
    {
        Validate(input);
        if (input.Stages!.Any(s => s.Id is not null)) throw ValidationException.For("stages", "A new pipeline's stages have no ids yet.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        await CheckNameAsync(db, input.Name!.Trim(), null, ct);
        var p = new Pipeline { Name = input.Name.Trim(), IsDefault = input.IsDefault };
        p.Stages.AddRange(input.Stages!.Select((s, i) => new PipelineStage { Name = s.Name!.Trim(), Position = i + 1, Probability = s.Probability }));
        if (p.IsDefault) await ClearDefaultAsync(db, ct);
        db.Pipelines.Add(p);
        await db.SaveChangesAsync(ct);
        return await PipelineAsync(p.Id, ct);
    }

    /// <summary>Renames and reorders; a stage without an id is added, one left out is removed (409 while opportunities or their history use it).</summary>
    public async Task<PipelineDto> UpdatePipelineAsync(long id, PipelineInput input, long? expectedVersion, CancellationToken ct = default)
    {
        Validate(input);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var p = await db.Pipelines.Include(x => x.Stages).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Pipeline");
        if (expectedVersion is { } v && v != p.Version) throw new ConcurrencyConflictException($"Pipeline {id} is at version {p.Version}, not {v}. Reload and apply the change again.");
        await CheckNameAsync(db, input.Name!.Trim(), id, ct);
        var stages = input.Stages!;
        for (var i = 0; i < stages.Count; i++)
        {
            if (stages[i].Id is { } sid && p.Stages.All(s => s.Id != sid))
                throw ValidationException.For(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"stages[{i}].id"), "No such stage in this pipeline.");
        }
        var kept = stages.Where(s => s.Id is not null).Select(s => s.Id!.Value).ToHashSet();
        var removed = p.Stages.Where(s => !kept.Contains(s.Id)).Select(s => s.Id).ToList();
        if (removed.Count > 0 && (await db.Opportunities.IgnoreQueryFilters().AnyAsync(o => removed.Contains(o.StageId), ct)
            || await db.OpportunityStageChanges.IgnoreQueryFilters().AnyAsync(c => removed.Contains(c.ToStageId) || (c.FromStageId != null && removed.Contains(c.FromStageId.Value)), ct)))
        {
            throw new ConflictException("A stage left out still has opportunities or history; move them first, or keep the stage.");
        }
        p.Name = input.Name.Trim();
        foreach (var gone in p.Stages.Where(s => !kept.Contains(s.Id)).ToList()) p.Stages.Remove(gone);
        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i].Id is { } sid ? p.Stages.First(s => s.Id == sid) : AddStage(p);
            stage.Name = stages[i].Name!.Trim();
            stage.Position = i + 1;
            stage.Probability = stages[i].Probability;
        }
        if (input.IsDefault && !p.IsDefault) await ClearDefaultAsync(db, ct);
        p.IsDefault = input.IsDefault || p.IsDefault;
        db.Entry(p).Property(x => x.Name).IsModified = true;
        await db.SaveChangesAsync(ct);
        return await PipelineAsync(id, ct);
    }

    private static PipelineStage AddStage(Pipeline p)
    {
        var s = new PipelineStage();
        p.Stages.Add(s);
        return s;
    }

    private static async Task ClearDefaultAsync(GuanxiDbContext db, CancellationToken ct)
    {
        foreach (var other in await db.Pipelines.Where(x => x.IsDefault).ToListAsync(ct)) other.IsDefault = false;
    }

    private static async Task CheckNameAsync(GuanxiDbContext db, string name, long? self, CancellationToken ct)
    {
        if (await db.Pipelines.AnyAsync(p => p.Name == name && p.Id != self, ct)) throw ValidationException.For("name", "Another pipeline has this name.");
    }

    private static void Validate(PipelineInput input)
    {
        var e = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Name)) e.Add("name", "A pipeline needs a name.");
        e.MaxLength("name", input.Name?.Trim(), Pipeline.NameMaxLength);
        if (SalesRules.CheckStages([.. (input.Stages ?? []).Select(s => (s?.Name, s?.Probability ?? 0))]) is { } bad) e.Add(bad.Field, bad.Message);
        e.ThrowIfAny();
    }

    public async Task<ProductPage> ProductsAsync(string? q, string? category, string? after, int limit, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        limit = Math.Clamp(limit, 1, 500);
        var query = db.Products.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(p => p.Code.Contains(text) || p.Name.Contains(text));
        }
        if (!string.IsNullOrWhiteSpace(category)) query = query.Where(p => p.Category == category.Trim());
        if (!string.IsNullOrEmpty(after))
        {
            var last = PageCursor.Decode(after).Id;
            query = query.Where(p => p.Id > last);
        }
        var items = await query.OrderBy(p => p.Id).Take(limit + 1).ToListAsync(ct);
        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = new PageCursor("", items[^1].Id).Encode();
        }
        return new ProductPage([.. items.Select(ToDto)], next);
    }

    private static ProductDto ToDto(Product p) => new(p.Id, p.Code, p.Name, p.PriceCents / 100m, p.Currency, p.Category, p.Active, p.Version);

    public async Task<ProductDto> ProductAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return ToDto(await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Product"));
    }

    public async Task<ProductDto> CreateProductAsync(ProductInput input, CancellationToken ct = default)
    {
        Validate(input);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var p = new Product();
        await ApplyAsync(db, p, input, ct);
        db.Products.Add(p);
        await db.SaveChangesAsync(ct);
        return ToDto(p);
    }

    public async Task<ProductDto> UpdateProductAsync(long id, ProductInput input, long? expectedVersion, CancellationToken ct = default)
    {
        Validate(input);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var p = await db.Products.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Product");
        if (expectedVersion is { } v && v != p.Version) throw new ConcurrencyConflictException($"Product {id} is at version {p.Version}, not {v}. Reload and apply the change again.");
        await ApplyAsync(db, p, input, ct);
        await db.SaveChangesAsync(ct);
        return ToDto(p);
    }

    /// <summary>A product no opportunity names is deleted; one in use is refused (409): mark it inactive instead.</summary>
    public async Task DeleteProductAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var p = await db.Products.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Product");
        if (await db.OpportunityProducts.IgnoreQueryFilters().AnyAsync(x => x.ProductId == id, ct))
            throw new ConflictException($"Product {p.Code} is on opportunities; mark it inactive instead.");
        db.Products.Remove(p);
        await db.SaveChangesAsync(ct);
    }

    private static async Task ApplyAsync(GuanxiDbContext db, Product p, ProductInput input, CancellationToken ct)
    {
        var code = input.Code!.Trim();
        if (await db.Products.AnyAsync(x => x.Code == code && x.Id != p.Id, ct)) throw ValidationException.For("code", "Another product has this code.");
        p.Code = code;
        p.Name = input.Name!.Trim();
        p.PriceCents = SalesRules.Cents(input.Price);
        p.Currency = CurrencyCode.Normalize(input.Currency) ?? "CNY";
        p.Category = string.IsNullOrWhiteSpace(input.Category) ? null : input.Category.Trim();
        p.Active = input.Active;
    }

    private static void Validate(ProductInput input)
    {
        var e = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Code)) e.Add("code", "A product needs a code.");
        e.MaxLength("code", input.Code?.Trim(), Domain.Common.FieldLimits.Code);
        if (string.IsNullOrWhiteSpace(input.Name)) e.Add("name", "A product needs a name.");
        e.MaxLength("name", input.Name?.Trim(), Domain.Common.FieldLimits.Product);
        if (!SalesRules.IsAmount(input.Price)) e.Add("price", "A price is 0 or more, with at most two decimals.");
        if (input.Currency is not null && CurrencyCode.Normalize(input.Currency) is null) e.Add("currency", "Use an ISO 4217 currency code such as CNY or USD.");
        e.MaxLength("category", input.Category?.Trim(), Product.CategoryMaxLength);
        e.ThrowIfAny();
    }
}
