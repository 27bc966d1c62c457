using System.Globalization;
using System.Text;

namespace Guanxi.Import;

/// <summary>The canonical columns of each import kind and the header names users write for them.</summary>
internal static class ImportColumns
{
    public static IReadOnlyList<string> Canonical(ImportKind kind) => kind switch
    {
        ImportKind.Customers =>
        [
            "customer_id", "code", "name", "phone", "email", "city", "created_at", "referred_by",
            "province", "kind", "wechat", "address", "industry", "source", "notes", "tags",
        ],
        ImportKind.Orders =>
        [
            "order_id", "customer_id", "ordered_at", "amount", "channel",
            "currency", "invoice_due_date", "paid_date", "customer_code",
        ],
        ImportKind.OrderLines =>
        [
            "order_id", "customer_id", "ordered_at", "product_code", "product_name", "quantity", "unit_price",
            "channel", "currency", "country", "returns_order_id", "name", "city",
        ],
        ImportKind.Opportunities =>
        [
            "opportunity_id", "customer_id", "customer_code", "title", "amount", "currency", "stage", "status", "source", "channel",
            "heat", "probability", "expected_close_date", "created_at", "closed_at", "close_reason", "owner",
        ],
        ImportKind.ServiceRequests =>
        [
            "request_id", "customer_id", "customer_code", "type", "channel", "priority", "subject", "description",
            "status", "created_at", "resolved_at", "assignee",
        ],
        _ =>
        [
            "interaction_id", "customer_id", "customer_code", "occurred_at", "channel", "direction", "subject", "body",
        ],
    };

    /// <summary>Required columns; "a|b" means either one.</summary>
    public static IReadOnlyList<string> Required(ImportKind kind) => kind switch
    {
        ImportKind.Customers => ["name"],
        ImportKind.Orders => ["order_id", "customer_id|customer_code", "ordered_at", "amount", "channel"],
        ImportKind.ServiceRequests => ["customer_id|customer_code", "type", "channel", "subject", "created_at"],
        ImportKind.Opportunities => ["customer_id|customer_code", "title", "amount"],
        ImportKind.OrderLines => ["order_id", "customer_id", "ordered_at", "product_code", "product_name", "quantity", "unit_price"],
        _ => ["customer_id|customer_code", "occurred_at", "channel", "subject"],
    };

    // Keys are normalised headers (see Normalize). Kind-specific because 渠道 and 备注 mean different things.
    private static readonly Dictionary<string, string> Shared = new(StringComparer.Ordinal)
    {
        ["客户编号"] = "customer_id",
        ["客户id"] = "customer_id",
        ["customerid"] = "customer_id",
    };

    private static readonly Dictionary<string, string> Customers = new(StringComparer.Ordinal)
    {
        ["id"] = "customer_id",
        ["客户编码"] = "code",
        ["编码"] = "code",
        ["customercode"] = "code",
        ["姓名"] = "name",
        ["客户名称"] = "name",
        ["名称"] = "name",
        ["客户姓名"] = "name",
        ["customername"] = "name",
        ["手机"] = "phone",
        ["手机号"] = "phone",
        ["手机号码"] = "phone",
        ["电话"] = "phone",
        ["联系电话"] = "phone",
        ["mobile"] = "phone",
        ["邮箱"] = "email",
        ["电子邮件"] = "email",
        ["电子邮箱"] = "email",
        ["e-mail"] = "email",
        ["mail"] = "email",
        ["城市"] = "city",
        ["省份"] = "province",
        ["省"] = "province",
        ["创建时间"] = "created_at",
        ["注册日期"] = "created_at",
        ["创建日期"] = "created_at",
        ["注册时间"] = "created_at",
        ["推荐人"] = "referred_by",
        ["推荐人编号"] = "referred_by",
        ["referrer"] = "referred_by",
        ["类型"] = "kind",
        ["客户类型"] = "kind",
        ["type"] = "kind",
        ["微信"] = "wechat",
        ["微信号"] = "wechat",
        ["wechatid"] = "wechat",
        ["地址"] = "address",
        ["行业"] = "industry",
        ["来源"] = "source",
        ["客户来源"] = "source",
        ["备注"] = "notes",
        ["note"] = "notes",
        ["标签"] = "tags",
        ["tag"] = "tags",
    };

    private static readonly Dictionary<string, string> Orders = new(StringComparer.Ordinal)
    {
        ["订单号"] = "order_id",
        ["订单编号"] = "order_id",
        ["ordernumber"] = "order_id",
        ["orderno"] = "order_id",
        ["客户编码"] = "customer_code",
        ["编码"] = "customer_code",
        ["下单时间"] = "ordered_at",
        ["订单时间"] = "ordered_at",
        ["下单日期"] = "ordered_at",
        ["时间"] = "ordered_at",
        ["金额"] = "amount",
        ["订单金额"] = "amount",
        ["实付金额"] = "amount",
        ["渠道"] = "channel",
        ["销售渠道"] = "channel",
        ["币种"] = "currency",
        ["开票到期日"] = "invoice_due_date",
        ["应付日期"] = "invoice_due_date",
        ["付款日期"] = "paid_date",
        ["回款日期"] = "paid_date",
    };

    // The headers of a retailer's invoice-line export (InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice,
    // CustomerID, Country; a later edition writes Invoice, Price, Customer ID) and their Chinese counterparts.
    private static readonly Dictionary<string, string> OrderLines = new(StringComparer.Ordinal)
    {
        ["订单号"] = "order_id",
        ["订单编号"] = "order_id",
        ["ordernumber"] = "order_id",
        ["orderno"] = "order_id",
        ["invoiceno"] = "order_id",
        ["invoice"] = "order_id",
        ["invoicenumber"] = "order_id",
        ["下单时间"] = "ordered_at",
        ["订单时间"] = "ordered_at",
        ["下单日期"] = "ordered_at",
        ["invoicedate"] = "ordered_at",
        ["商品编码"] = "product_code",
        ["产品编码"] = "product_code",
        ["商品编号"] = "product_code",
        ["stockcode"] = "product_code",
        ["sku"] = "product_code",
        ["商品名称"] = "product_name",
        ["产品名称"] = "product_name",
        ["商品"] = "product_name",
        ["description"] = "product_name",
        ["数量"] = "quantity",
        ["qty"] = "quantity",
        ["单价"] = "unit_price",
        ["price"] = "unit_price",
        ["渠道"] = "channel",
        ["币种"] = "currency",
        ["国家"] = "country",
        ["城市"] = "city",
        ["客户名称"] = "name",
        ["客户姓名"] = "name",
        ["customername"] = "name",
        ["原订单号"] = "returns_order_id",
        ["退货原订单"] = "returns_order_id",
    };

    private static readonly Dictionary<string, string> Interactions = new(StringComparer.Ordinal)
    {
        ["编号"] = "interaction_id",
        ["id"] = "interaction_id",
        ["记录编号"] = "interaction_id",
        ["客户编码"] = "customer_code",
        ["编码"] = "customer_code",
        ["时间"] = "occurred_at",
        ["联系时间"] = "occurred_at",
        ["日期时间"] = "occurred_at",
        ["方式"] = "channel",
        ["渠道"] = "channel",
        ["联系方式"] = "channel",
        ["方向"] = "direction",
        ["主题"] = "subject",
        ["标题"] = "subject",
        ["内容"] = "body",
        ["备注"] = "body",
        ["详情"] = "body",
    };

    private static readonly Dictionary<string, string> ServiceRequests = new(StringComparer.Ordinal)
    {
        ["工单号"] = "request_id",
        ["工单编号"] = "request_id",
        ["编号"] = "request_id",
        ["id"] = "request_id",
        ["客户编码"] = "customer_code",
        ["编码"] = "customer_code",
        ["类型"] = "type",
        ["工单类型"] = "type",
        ["请求类型"] = "type",
        ["渠道"] = "channel",
        ["来源渠道"] = "channel",
        ["优先级"] = "priority",
        ["主题"] = "subject",
        ["标题"] = "subject",
        ["描述"] = "description",
        ["内容"] = "description",
        ["详情"] = "description",
        ["状态"] = "status",
        ["创建时间"] = "created_at",
        ["提交时间"] = "created_at",
        ["受理时间"] = "created_at",
        ["解决时间"] = "resolved_at",
        ["处理人"] = "assignee",
        ["负责人"] = "assignee",
        ["受理人"] = "assignee",
    };

    private static readonly Dictionary<string, string> Opportunities = new(StringComparer.Ordinal)
    {
        ["商机编号"] = "opportunity_id",
        ["机会编号"] = "opportunity_id",
        ["编号"] = "opportunity_id",
        ["id"] = "opportunity_id",
        ["客户编码"] = "customer_code",
        ["名称"] = "title",
        ["商机名称"] = "title",
        ["机会名称"] = "title",
        ["标题"] = "title",
        ["金额"] = "amount",
        ["预计金额"] = "amount",
        ["币种"] = "currency",
        ["阶段"] = "stage",
        ["销售阶段"] = "stage",
        ["状态"] = "status",
        ["来源"] = "source",
        ["渠道"] = "channel",
        ["产生途径"] = "channel",
        ["热度"] = "heat",
        ["概率"] = "probability",
        ["赢单概率"] = "probability",
        ["预计成交日期"] = "expected_close_date",
        ["预计成交"] = "expected_close_date",
        ["创建日期"] = "created_at",
        ["创建时间"] = "created_at",
        ["关闭日期"] = "closed_at",
        ["成交日期"] = "closed_at",
        ["原因"] = "close_reason",
        ["输赢原因"] = "close_reason",
        ["负责人"] = "owner",
        ["销售"] = "owner",
    };

    /// <summary>Case-, space-, underscore- and hyphen-insensitive form of a header.</summary>
    public static string Normalize(string header)
    {
        var sb = new StringBuilder(header.Length);
        foreach (var c in header.Trim().TrimStart('\uFEFF'))
        {
            if (char.IsWhiteSpace(c) || c is '_' or '-' or '\u3000') continue;
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>
    /// Maps each file header to its canonical columns: those a mapping file gives it (none: not imported), else the one
    /// its name or an alias means; empty when the column is not recognised.
    /// </summary>
    public static IReadOnlyList<string> Resolve(ImportKind kind, string header, ImportMapping? userMapping)
    {
        var key = Normalize(header);
        var canonical = Canonical(kind);
        if (userMapping is not null && userMapping.Columns.TryGetValue(key, out var mapped)) return mapped;
        foreach (var c in canonical)
        {
            if (Normalize(c) == key) return [c];
        }
        var aliases = kind switch
        {
            ImportKind.Customers => Customers,
            ImportKind.Orders => Orders,
            ImportKind.ServiceRequests => ServiceRequests,
            ImportKind.Opportunities => Opportunities,
            ImportKind.OrderLines => OrderLines,
            _ => Interactions,
        };
        if (aliases.TryGetValue(key, out var alias)) return [alias];
        return Shared.TryGetValue(key, out var shared) && canonical.Contains(shared) ? [shared] : [];
    }

    /// <summary>An order-line mapping file's setting (<c>cancellation_prefix=C</c>): orders whose id starts with it are returns.</summary>
    public const string CancellationPrefix = "cancellation_prefix";

    /// <summary>The mapping file's column for "do not import this header".</summary>
    public const string NotImported = "-";

    /// <summary>
    /// Reads a mapping file (# starts a comment). A line is one of:
    /// <c>file header,canonical column</c> (column <c>-</c>: not imported; several lines for one header map it to
    /// several columns), <c>file header,canonical column,date format</c> (that column's dates, e.g. <c>M/d/yyyy H:mm</c>),
    /// or <c>canonical column=value</c> (a constant for a column the file lacks, e.g. <c>channel=web</c>).
    /// </summary>
    public static ImportMapping ReadMappingFile(string path, ImportKind kind)
    {
        if (!File.Exists(path)) throw new ImportFileException($"The mapping file {path} does not exist.");
        var canonical = Canonical(kind);
        var map = new ImportMapping();
        using var file = File.OpenRead(path);
        var (encoding, name, bom) = TextDecoding.Detect(file, null);
        file.Position = bom;
        using var utf8 = TextDecoding.OpenUtf8(file, encoding);
        var csv = new CsvRecordReader(utf8);
        CsvReadResult result;
        string Known() => string.Join(", ", canonical);
        ImportFileException Error(string message) => new(string.Create(CultureInfo.InvariantCulture, $"Mapping file line {csv.RecordLine}: {message}"));
        while ((result = Next(csv, path, name)) != CsvReadResult.End)
        {
            if (result == CsvReadResult.Broken) throw Error($"{csv.Error}.");
            var from = Encoding.UTF8.GetString(csv.Field(0)).Trim();
            if (from.StartsWith('#') || (csv.FieldCount == 1 && from.Length == 0)) continue;
            if (csv.FieldCount == 1 && from.IndexOf('=', StringComparison.Ordinal) is var eq and > 0)
            {
                var column = from[..eq].Trim().ToLowerInvariant();
                if (kind == ImportKind.OrderLines && column == CancellationPrefix)
                {
                    var prefix = from[(eq + 1)..].Trim();
                    if (prefix.Length == 0) throw Error("cancellation_prefix= needs a prefix, e.g. cancellation_prefix=C.");
                    map.CancellationPrefix = prefix;
                    continue;
                }
                if (!canonical.Contains(column)) throw Error($"\"{column}\" is not a column of {kind.ToString().ToLowerInvariant()} (known: {Known()}).");
                map.Constants[column] = from[(eq + 1)..].Trim();
                continue;
            }
            if (csv.FieldCount is < 2 or > 3)
                throw Error("expected \"file header,canonical column\", \"file header,canonical column,date format\" or \"column=value\".");
            var to = Encoding.UTF8.GetString(csv.Field(1)).Trim().ToLowerInvariant();
            if (csv.RecordLine == 1 && Normalize(from) is "fileheader" or "header" or "from") continue; // a header line
            var key = Normalize(from);
            if (to == NotImported)
            {
                map.Columns[key] = [];
                continue;
            }
            if (!canonical.Contains(to)) throw Error($"\"{to}\" is not a column of {kind.ToString().ToLowerInvariant()} (known: {Known()}).");
            if (!map.Columns.TryGetValue(key, out var targets) || targets.Count == 0) map.Columns[key] = targets = [];
            if (!targets.Contains(to)) targets.Add(to);
            if (csv.FieldCount == 3 && Encoding.UTF8.GetString(csv.Field(2)).Trim() is { Length: > 0 } format)
                map.DateOrders[to] = DateForms.Parse(format) ?? throw Error($"unknown date format \"{format}\" (use {DateForms.Names}).");
        }
        foreach (var (column, _) in map.Constants)
        {
            if (map.Columns.Values.Any(t => t.Contains(column)))
                throw new ImportFileException($"Mapping file {Path.GetFileName(path)}: {column} is both a constant and mapped from a column; keep one.");
        }
        return map;
    }

    private static CsvReadResult Next(CsvRecordReader csv, string path, string encodingName)
    {
        try
        {
            return csv.Next();
        }
        catch (DecoderFallbackException e)
        {
            throw new ImportFileException($"The mapping file {path} is not valid {encodingName} text (bad bytes near offset {e.Index}).", e);
        }
    }
}

/// <summary>
/// A mapping file's content: normalised file header → the canonical columns it fills (empty: not imported), constants for
/// columns the file lacks, and date orders of single columns (overriding the file's detected or given one).
/// </summary>
public sealed class ImportMapping
{
    public Dictionary<string, List<string>> Columns { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Constants { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, DateOrder> DateOrders { get; } = new(StringComparer.Ordinal);

    /// <summary>Order lines: an order whose id starts with this is a return (cancellation); null = none declared.</summary>
    public string? CancellationPrefix { get; set; }
}
