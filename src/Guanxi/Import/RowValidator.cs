using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Guanxi.Domain.Common;
using Guanxi.Domain.Customers;
using Guanxi.Domain.Interactions;
using Guanxi.Domain.Service;

namespace Guanxi.Import;

/// <summary>
/// Turns the fields of one record into a typed row or a reject, by the rules of the bench README
/// ("What a row must pass"). The first bad column decides the reason.
/// </summary>
internal sealed class RowValidator
{
    private readonly ImportKind _kind;
    private readonly Dictionary<string, int> _index;
    private readonly IdSet _ids = new();

    // Column positions, -1 when the file has no such column.
    private readonly int _customerId, _code, _name, _phone, _email, _city, _createdAt, _referredBy, _province,
        _customerKind, _wechat, _address, _industry, _source, _notes, _tags;
    private readonly int _orderId, _customerCode, _orderedAt, _amount, _channel, _currency, _invoiceDue, _paid;
    private readonly int _interactionId, _occurredAt, _direction, _subject, _body;
    private readonly int _requestId, _type, _priority, _description, _status, _resolvedAt, _assignee;
    private readonly int _productCode, _productName, _quantity, _unitPrice, _country, _returnsOrderId;
    private readonly int _opportunityId, _title, _stage, _heat, _probability, _expectedClose, _closedAt, _closeReason, _owner;

    private IFieldSource _row = null!;
    private long _line;
    private string? _error;
    private char[] _chars = new char[64];

    private readonly bool _roundCents;
    private readonly DateOrder _dateOrder;
    private readonly byte[][] _constants;
    private readonly Dictionary<string, DateOrder> _columnDateOrders;

    /// <summary>Field indices from here on are a mapping file's constants (k-th constant: ConstantBase + k), not the row's fields.</summary>
    public const int ConstantBase = 1 << 24;

    public RowValidator(ImportKind kind, Dictionary<string, int> canonicalToIndex, bool roundCents = false, DateOrder dateOrder = DateOrder.Iso,
        IReadOnlyList<string>? constants = null, Dictionary<string, DateOrder>? columnDateOrders = null)
    {
        _constants = [.. (constants ?? []).Select(c => Encoding.UTF8.GetBytes(c.Trim()))];
        _columnDateOrders = columnDateOrders ?? [];
        _kind = kind;
        _roundCents = roundCents;
        _dateOrder = dateOrder;
        _index = canonicalToIndex;
        _customerId = Col("customer_id"); _code = Col("code"); _name = Col("name"); _phone = Col("phone");
        _email = Col("email"); _city = Col("city"); _createdAt = Col("created_at"); _referredBy = Col("referred_by");
        _province = Col("province"); _customerKind = Col("kind"); _wechat = Col("wechat"); _address = Col("address");
        _industry = Col("industry"); _source = Col("source"); _notes = Col("notes"); _tags = Col("tags");
        _orderId = Col("order_id"); _customerCode = Col("customer_code"); _orderedAt = Col("ordered_at");
        _amount = Col("amount"); _channel = Col("channel"); _currency = Col("currency");
        _invoiceDue = Col("invoice_due_date"); _paid = Col("paid_date");
        _interactionId = Col("interaction_id"); _occurredAt = Col("occurred_at"); _direction = Col("direction");
        _subject = Col("subject"); _body = Col("body");
        _requestId = Col("request_id"); _type = Col("type"); _priority = Col("priority"); _description = Col("description");
        _status = Col("status"); _resolvedAt = Col("resolved_at"); _assignee = Col("assignee");
        _productCode = Col("product_code"); _productName = Col("product_name"); _quantity = Col("quantity"); _unitPrice = Col("unit_price");
        _country = Col("country"); _returnsOrderId = Col("returns_order_id");
        _opportunityId = Col("opportunity_id"); _title = Col("title"); _stage = Col("stage"); _heat = Col("heat"); _probability = Col("probability");
        _expectedClose = Col("expected_close_date"); _closedAt = Col("closed_at"); _closeReason = Col("close_reason"); _owner = Col("owner");
    }

    private int Col(string name) => _index.TryGetValue(name, out var i) ? i : -1;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ImportRecord Validate(IFieldSource row, long line)
    {
        _row = row;
        _line = line;
        _error = null;
        ImportRecord? record = _kind switch
        {
            ImportKind.Customers => Customer(),
            ImportKind.Orders => Order(),
            ImportKind.ServiceRequests => ServiceRequest(),
            ImportKind.Opportunities => Opportunity(),
            ImportKind.OrderLines => OrderLine(),
            _ => Interaction(),
        };
        return record ?? new RejectedRow(line, _error ?? "invalid row", row.RawText());
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private CustomerImportRow? Customer()
    {
        long id = 0;
        if (_customerId >= 0 && !Id(_customerId, "customer_id", required: true, out id)) return null;
        var code = Text(_code, "code", FieldLimits.Code);
        var name = Text(_name, "name", FieldLimits.Name, required: true);
        var phone = Text(_phone, "phone", FieldLimits.Phone);
        var email = Text(_email, "email", FieldLimits.Email);
        // The same rules as the customer form and the API.
        if (_error is null && phone is not null && !PhoneNumber.LooksValid(phone)) return Fail($"phone: {Show(phone)} is not a phone number (needs at least 5 digits)");
        if (_error is null && email is not null && !EmailAddress.LooksValid(email.Trim())) return Fail($"email: {Show(email)} is not a valid email address");
        var city = Text(_city, "city", FieldLimits.Region);
        var province = Text(_province, "province", FieldLimits.Region);
        var wechat = Text(_wechat, "wechat", FieldLimits.WeChat);
        var address = Text(_address, "address", FieldLimits.Address);
        var industry = Text(_industry, "industry", FieldLimits.Industry);
        var source = Text(_source, "source", FieldLimits.Source);
        var notes = Text(_notes, "notes", FieldLimits.Notes);
        if (_error is not null) return null;
        var createdAt = Date(_createdAt, "created_at", required: false);
        if (_error is not null) return null;
        string? referredBy = null;
        if (_referredBy >= 0 && !Field(_referredBy).IsEmpty)
        {
            if (!Id(_referredBy, "referred_by", required: false, out var referrer)) return null;
            if (referrer == id) return Fail($"referred_by: customer {id} cannot refer themselves");
            referredBy = referrer.ToString(CultureInfo.InvariantCulture);
        }
        var kind = Kind();
        var tags = Tags();
        if (_error is not null) return null;
        if (_customerId >= 0 && !_ids.Add(id)) return Fail($"customer_id: {id} repeats an earlier row of the file");
        return new CustomerImportRow(_line, _customerId >= 0 ? id.ToString(CultureInfo.InvariantCulture) : null, code, name!, phone, email, city,
            province, createdAt, referredBy, kind, wechat, address, industry, source, notes, tags);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private OrderImportRow? Order()
    {
        if (!Id(_orderId, "order_id", required: true, out var orderId)) return null;
        if (!CustomerRef(out var customerRef, out var isCode)) return null;
        var orderedAt = DateTime(_orderedAt, "ordered_at");
        if (_error is not null) return null;
        var amountText = Field(_amount);
        switch (FieldParsers.TryParseAmount(amountText, out var cents))
        {
            case FieldParsers.AmountError.NotPlain:
                return Fail($"amount: {Show(amountText)} is not a plain decimal (expected digits with '.' as the decimal point, e.g. 189.00)");
            case FieldParsers.AmountError.Negative:
                return Fail($"amount: {Show(amountText)} is negative");
            case FieldParsers.AmountError.TooManyDecimals when _roundCents && RoundedCents(amountText) is { } rounded:
                cents = rounded;
                RoundedAmounts++;
                break;
            case FieldParsers.AmountError.TooManyDecimals:
                return Fail($"amount: {Show(amountText)} has more than 2 decimals{(_roundCents ? " and rounds to 10,000,000 or more" : " (--round-cents rounds such amounts)")}");
            case FieldParsers.AmountError.TooLarge:
                return Fail($"amount: {Show(amountText)} is not below 10,000,000");
        }
        var channelText = Field(_channel);
        var channel = FieldParsers.OrderChannel(channelText);
        if (channel is null) return Fail($"channel: {Show(channelText)} is not one of store, web, app, phone");
        var currency = Currency();
        var due = Date(_invoiceDue, "invoice_due_date", required: false);
        var paid = Date(_paid, "paid_date", required: false);
        if (_error is not null) return null;
        if (!_ids.Add(orderId)) return Fail($"order_id: {orderId} repeats an earlier row of the file");
        return new OrderImportRow(_line, orderId.ToString(CultureInfo.InvariantCulture), customerRef!, orderedAt, cents, channel, currency, due, paid)
        {
            CustomerRefIsCode = isCode,
        };
    }

    /// <summary>The most decimals a line's quantity or unit price may have (the order_lines column keeps 4).</summary>
    public const int LineDecimals = 4;

    /// <summary>
    /// One order line. A line without a usable order id is a plain reject; any other bad field makes a line that carries
    /// its reason, so the grouper can reject its whole order (an order missing a line would have a wrong amount).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ImportRecord? OrderLine()
    {
        var orderIdText = Field(_orderId);
        var number = Text(_orderId, "order_id", FieldLimits.OrderNumber, required: true);
        if (_error is not null) return null;
        var key = OrderLineGrouper.KeyOf(orderIdText);
        string? customerRef = null;
        if (!Field(_customerId).IsEmpty && Id(_customerId, "customer_id", required: false, out var customerId))
            customerRef = customerId.ToString(CultureInfo.InvariantCulture);
        var orderedAt = _error is null ? DateTime(_orderedAt, "ordered_at") : default;
        var code = Text(_productCode, "product_code", FieldLimits.Code, required: true);
        var name = Text(_productName, "product_name", FieldLimits.Product);
        var quantity = _error is null ? Decimal(_quantity, "quantity", allowNegative: true) : 0m;
        if (_error is null && quantity == 0m) _error = "quantity: is 0 (a line sells or returns at least some)";
        var price = _error is null ? Decimal(_unitPrice, "unit_price", allowNegative: false) : 0m;
        string? channel = null;
        if (_error is null && _channel >= 0 && !Field(_channel).IsEmpty)
        {
            var channelText = Field(_channel);
            channel = FieldParsers.OrderChannel(channelText);
            if (channel is null) _error = $"channel: {Show(channelText)} is not one of store, web, app, phone";
        }
        var currency = _error is null ? Currency() : null;
        var country = Text(_country, "country", FieldLimits.Tag - OrderLinesBatchWriter.CountryTagPrefix.Length);
        var city = Text(_city, "city", FieldLimits.Region);
        var customerName = Text(_name, "name", FieldLimits.Name);
        var returns = Text(_returnsOrderId, "returns_order_id", FieldLimits.OrderNumber);
        return new OrderLineImportRow(_line, number!, key, customerRef, orderedAt, code ?? "", name, quantity, price, channel, currency, country, city,
            customerName, returns, _error, _row.RawText());
    }

    /// <summary>A plain decimal (optional '-' when allowed, '.' as the point, at most <see cref="LineDecimals"/> decimals) below 10,000,000 in size.</summary>
    private decimal Decimal(int col, string column, bool allowNegative)
    {
        var text = Field(col);
        if (text.IsEmpty)
        {
            _error ??= $"{column}: is empty";
            return 0m;
        }
        var digits = text[0] == (byte)'-' ? text[1..] : text;
        var shapeOk = !digits.IsEmpty && digits.IndexOfAnyExcept("0123456789."u8) < 0 && digits.Count((byte)'.') <= 1
            && digits[0] != (byte)'.' && digits[^1] != (byte)'.';
        if (!shapeOk || !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            _error ??= $"{column}: {Show(text)} is not a plain decimal (digits with '.' as the decimal point{(allowNegative ? ", '-' for a returned quantity" : "")})";
            return 0m;
        }
        if (value < 0 && !allowNegative)
        {
            _error ??= $"{column}: {Show(text)} is negative (a return has negative quantities, not prices)";
            return 0m;
        }
        if (decimal.Round(value, LineDecimals) != value)
        {
            _error ??= string.Create(CultureInfo.InvariantCulture, $"{column}: {Show(text)} has more than {LineDecimals} decimals");
            return 0m;
        }
        if (Math.Abs(value) >= 10_000_000m)
        {
            _error ??= $"{column}: {Show(text)} is not below 10,000,000 in size";
            return 0m;
        }
        return value;
    }

    private InteractionImportRow? Interaction()
    {
        var externalId = Text(_interactionId, "interaction_id", FieldLimits.ExternalId);
        if (_error is not null) return null;
        if (!CustomerRef(out var customerRef, out var isCode)) return null;
        var occurredAt = DateTime(_occurredAt, "occurred_at");
        if (_error is not null) return null;
        var channelText = Chars(Field(_channel));
        if (InteractionChannelOf(channelText) is not { } channel)
            return Fail($"channel: {Show(channelText)} is not one of call, visit, email, chat, sms, letter, meeting, note");
        var direction = channel == InteractionChannel.Note ? InteractionDirection.Internal : InteractionDirection.Outbound;
        if (_direction >= 0 && !Field(_direction).IsEmpty)
        {
            var directionText = Chars(Field(_direction));
            if (DirectionOf(directionText) is not { } d) return Fail($"direction: {Show(directionText)} is not one of in, out, internal");
            direction = d;
        }
        var subject = Text(_subject, "subject", FieldLimits.Subject, required: true);
        var body = Text(_body, "body", FieldLimits.Body);
        if (_error is not null) return null;
        return new InteractionImportRow(_line, externalId, customerRef!, occurredAt, channel, direction, subject!, body)
        {
            CustomerRefIsCode = isCode,
        };
    }

    /// <summary>
    /// A service request as the desk would hold it: its status agrees with resolved_at (a resolved request says when, an open
    /// one has none), and it was not resolved before it was made.
    /// </summary>
    private ServiceRequestImportRow? ServiceRequest()
    {
        var externalId = Text(_requestId, "request_id", FieldLimits.ExternalId);
        if (_error is not null) return null;
        if (!CustomerRef(out var customerRef, out var isCode)) return null;
        var typeText = Chars(Field(_type));
        if (RequestTypeOf(typeText) is not { } type)
            return Fail($"type: {Show(typeText)} is not one of inquiry, repair, complaint, suggestion, return (咨询, 维修, 投诉, 建议, 退货)");
        var channelText = Chars(Field(_channel));
        if (ServiceChannelOf(channelText) is not { } channel)
            return Fail($"channel: {Show(channelText)} is not one of phone, wechat, email, web-form, store, other (电话, 微信, 邮件, 网页, 门店, 其他)");
        var priority = ServicePriority.Normal;
        if (_priority >= 0 && !Field(_priority).IsEmpty)
        {
            var priorityText = Chars(Field(_priority));
            if (PriorityOf(priorityText) is not { } p) return Fail($"priority: {Show(priorityText)} is not one of low, normal, high, urgent (低, 普通, 高, 紧急)");
            priority = p;
        }
        var subject = Text(_subject, "subject", Domain.Service.ServiceRequest.SubjectMaxLength, required: true);
        var description = Text(_description, "description", Domain.Service.ServiceRequest.TextMaxLength);
        if (_error is not null) return null;
        var createdAt = DateTime(_createdAt, "created_at");
        if (_error is not null) return null;
        DateTime? resolvedAt = null;
        if (_resolvedAt >= 0 && !Field(_resolvedAt).IsEmpty)
        {
            resolvedAt = DateTime(_resolvedAt, "resolved_at");
            if (_error is not null) return null;
            if (resolvedAt < createdAt) return Fail(string.Create(CultureInfo.InvariantCulture, $"resolved_at: {resolvedAt:yyyy-MM-dd'T'HH:mm:ss} is before created_at {createdAt:yyyy-MM-dd'T'HH:mm:ss}"));
        }
        var assignee = Text(_assignee, "assignee", FieldLimits.Name);
        if (_error is not null) return null;
        ServiceStatus status;
        if (_status >= 0 && !Field(_status).IsEmpty)
        {
            var statusText = Chars(Field(_status));
            if (StatusOf(statusText) is not { } s)
                return Fail($"status: {Show(statusText)} is not one of new, assigned, in-progress, waiting-on-customer, resolved, closed, reopened");
            status = s;
        }
        else
        {
            status = resolvedAt is not null ? ServiceStatus.Resolved : assignee is not null ? ServiceStatus.Assigned : ServiceStatus.New;
        }
        if (status == ServiceStatus.Resolved && resolvedAt is null) return Fail("resolved_at: is empty for a resolved request (expected YYYY-MM-DDTHH:MM:SS)");
        if (ServiceTransitions.IsOpen(status) && resolvedAt is not null)
            return Fail($"resolved_at: is given for a request that is {ServiceTransitions.Name(status)} (still open)");
        if (status == ServiceStatus.Assigned && assignee is null) return Fail("assignee: is empty for an assigned request");
        return new ServiceRequestImportRow(_line, externalId, customerRef!, type, channel, priority, subject!, description, status, createdAt, resolvedAt, assignee)
        {
            CustomerRefIsCode = isCode,
        };
    }

    /// <summary>
    /// An opportunity by the API's rules: amount ≥ 0 with two decimals, an ISO 4217 currency, probability 0–100, a lost one
    /// says why, a closed one is not closed before it was made.
    /// </summary>
    private OpportunityImportRow? Opportunity()
    {
        var externalId = Text(_opportunityId, "opportunity_id", FieldLimits.ExternalId);
        if (_error is not null) return null;
        if (!CustomerRef(out var customerRef, out var isCode)) return null;
        var title = Text(_title, "title", Domain.Sales.Opportunity.TitleMaxLength, required: true);
        if (_error is not null) return null;
        var amountText = Field(_amount);
        switch (FieldParsers.TryParseAmount(amountText, out var cents))
        {
            case FieldParsers.AmountError.NotPlain:
                return Fail($"amount: {Show(amountText)} is not a plain decimal (expected digits with '.' as the decimal point, e.g. 189.00)");
            case FieldParsers.AmountError.Negative:
                return Fail($"amount: {Show(amountText)} is negative");
            case FieldParsers.AmountError.TooManyDecimals:
                return Fail($"amount: {Show(amountText)} has more than 2 decimals");
            case FieldParsers.AmountError.TooLarge:
                return Fail($"amount: {Show(amountText)} is not below 10,000,000");
        }
        var currency = "CNY";
        if (_currency >= 0 && !Field(_currency).IsEmpty)
        {
            var currencyText = Chars(Field(_currency)).ToString();
            if (Domain.Sales.CurrencyCode.Normalize(currencyText) is not { } code) return Fail($"currency: {Show(currencyText)} is not an ISO 4217 currency code such as CNY or USD");
            currency = code;
        }
        var stage = Text(_stage, "stage", Domain.Sales.PipelineStage.NameMaxLength);
        var status = Domain.Sales.OpportunityStatus.Open;
        if (_status >= 0 && !Field(_status).IsEmpty)
        {
            var statusText = Chars(Field(_status));
            if (OpportunityStatusOf(statusText) is not { } s) return Fail($"status: {Show(statusText)} is not one of open, won, lost (进行中, 赢单, 丢单)");
            status = s;
        }
        var source = Domain.Sales.OpportunitySource.Other;
        if (_source >= 0 && !Field(_source).IsEmpty)
        {
            var sourceText = Chars(Field(_source));
            if (OpportunitySourceOf(sourceText) is not { } s)
                return Fail($"source: {Show(sourceText)} is not one of referral, campaign, website, trade-show, cold-call, existing-customer, other (转介绍, 活动, 网站, 展会, 陌拜, 老客户, 其他)");
            source = s;
        }
        var heat = Domain.Sales.OpportunityHeat.Warm;
        if (_heat >= 0 && !Field(_heat).IsEmpty)
        {
            var heatText = Chars(Field(_heat));
            if (HeatOf(heatText) is not { } h) return Fail($"heat: {Show(heatText)} is not one of hot, warm, cold (热, 温, 冷)");
            heat = h;
        }
        var channel = Text(_channel, "channel", Domain.Sales.Opportunity.ChannelMaxLength);
        if (_error is not null) return null;
        int? probability = null;
        if (_probability >= 0 && !Field(_probability).IsEmpty)
        {
            var text = Chars(Field(_probability)).ToString().TrimEnd('%');
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || !Domain.Sales.SalesRules.IsProbability(p))
                return Fail($"probability: {Show(text)} is not a whole number from 0 to 100");
            probability = p;
        }
        var expected = Date(_expectedClose, "expected_close_date", required: false);
        var created = Date(_createdAt, "created_at", required: false);
        var closed = Date(_closedAt, "closed_at", required: false);
        var reason = Text(_closeReason, "close_reason", Domain.Sales.Opportunity.TextMaxLength);
        var owner = Text(_owner, "owner", FieldLimits.Name);
        if (_error is not null) return null;
        if (status == Domain.Sales.OpportunityStatus.Lost && reason is null) return Fail("close_reason: is empty for a lost opportunity (say why it was lost)");
        if (status == Domain.Sales.OpportunityStatus.Open && closed is not null) return Fail("closed_at: is given for an opportunity that is still open");
        if (closed is not null && created is not null && closed < created)
            return Fail(string.Create(CultureInfo.InvariantCulture, $"closed_at: {closed:yyyy-MM-dd} is before created_at {created:yyyy-MM-dd}"));
        return new OpportunityImportRow(_line, externalId, customerRef!, title!, cents, currency, stage, status, source, channel, heat, probability, expected, created, closed, reason, owner)
        {
            CustomerRefIsCode = isCode,
        };
    }

    private static Domain.Sales.OpportunityStatus? OpportunityStatusOf(ReadOnlySpan<char> s)
    {
        if (Is(s, "open") || Is(s, "进行中") || Is(s, "跟进中")) return Domain.Sales.OpportunityStatus.Open;
        if (Is(s, "won") || Is(s, "赢单") || Is(s, "成交")) return Domain.Sales.OpportunityStatus.Won;
        if (Is(s, "lost") || Is(s, "丢单") || Is(s, "输单")) return Domain.Sales.OpportunityStatus.Lost;
        return null;
    }

    private static Domain.Sales.OpportunitySource? OpportunitySourceOf(ReadOnlySpan<char> s)
    {
        if (Is(s, "referral") || Is(s, "转介绍") || Is(s, "介绍")) return Domain.Sales.OpportunitySource.Referral;
        if (Is(s, "campaign") || Is(s, "活动") || Is(s, "营销活动")) return Domain.Sales.OpportunitySource.Campaign;
        if (Is(s, "website") || Is(s, "web") || Is(s, "网站") || Is(s, "官网")) return Domain.Sales.OpportunitySource.Website;
        if (Is(s, "trade-show") || Is(s, "tradeshow") || Is(s, "展会")) return Domain.Sales.OpportunitySource.TradeShow;
        if (Is(s, "cold-call") || Is(s, "coldcall") || Is(s, "陌拜") || Is(s, "陌生拜访") || Is(s, "电话营销")) return Domain.Sales.OpportunitySource.ColdCall;
        if (Is(s, "existing-customer") || Is(s, "existingcustomer") || Is(s, "老客户")) return Domain.Sales.OpportunitySource.ExistingCustomer;
        if (Is(s, "other") || Is(s, "其他")) return Domain.Sales.OpportunitySource.Other;
        return null;
    }

    private static Domain.Sales.OpportunityHeat? HeatOf(ReadOnlySpan<char> s)
    {
        if (Is(s, "hot") || Is(s, "热")) return Domain.Sales.OpportunityHeat.Hot;
        if (Is(s, "warm") || Is(s, "温")) return Domain.Sales.OpportunityHeat.Warm;
        if (Is(s, "cold") || Is(s, "冷")) return Domain.Sales.OpportunityHeat.Cold;
        return null;
    }

    private static ServiceRequestType? RequestTypeOf(ReadOnlySpan<char> s)
    {
        if (Is(s, "inquiry") || Is(s, "enquiry") || Is(s, "question") || Is(s, "咨询")) return ServiceRequestType.Inquiry;
        if (Is(s, "repair") || Is(s, "维修") || Is(s, "报修")) return ServiceRequestType.Repair;
        if (Is(s, "complaint") || Is(s, "投诉")) return ServiceRequestType.Complaint;
        if (Is(s, "suggestion") || Is(s, "建议") || Is(s, "意见")) return ServiceRequestType.Suggestion;
        if (Is(s, "return") || Is(s, "退货") || Is(s, "退换货")) return ServiceRequestType.Return;
        return null;
    }

    private static ServiceChannel? ServiceChannelOf(ReadOnlySpan<char> s)
    {
        if (Is(s, "phone") || Is(s, "call") || Is(s, "电话")) return ServiceChannel.Phone;
        if (Is(s, "wechat") || Is(s, "微信")) return ServiceChannel.WeChat;
        if (Is(s, "email") || Is(s, "e-mail") || Is(s, "邮件") || Is(s, "电子邮件")) return ServiceChannel.Email;
        if (Is(s, "web-form") || Is(s, "webform") || Is(s, "web") || Is(s, "网页") || Is(s, "表单") || Is(s, "网站")) return ServiceChannel.WebForm;
        if (Is(s, "store") || Is(s, "门店") || Is(s, "到店")) return ServiceChannel.Store;
        if (Is(s, "other") || Is(s, "其他")) return ServiceChannel.Other;
        return null;
    }

    private static ServicePriority? PriorityOf(ReadOnlySpan<char> s)
    {
        if (Is(s, "low") || Is(s, "低")) return ServicePriority.Low;
        if (Is(s, "normal") || Is(s, "medium") || Is(s, "普通") || Is(s, "中")) return ServicePriority.Normal;
        if (Is(s, "high") || Is(s, "高")) return ServicePriority.High;
        if (Is(s, "urgent") || Is(s, "紧急")) return ServicePriority.Urgent;
        return null;
    }

    private static ServiceStatus? StatusOf(ReadOnlySpan<char> s)
    {
        if (Is(s, "新建")) return ServiceStatus.New;
        if (Is(s, "已分配")) return ServiceStatus.Assigned;
        if (Is(s, "处理中")) return ServiceStatus.InProgress;
        if (Is(s, "等待客户")) return ServiceStatus.WaitingOnCustomer;
        if (Is(s, "已解决")) return ServiceStatus.Resolved;
        if (Is(s, "已关闭")) return ServiceStatus.Closed;
        if (Is(s, "重新打开")) return ServiceStatus.Reopened;
        return ServiceTransitions.Parse(s.ToString());
    }

    /// <summary>customer_id when the file has it and the row fills it, else customer_code.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool CustomerRef(out string? value, out bool isCode)
    {
        value = null;
        isCode = false;
        if (_customerId >= 0 && (!Field(_customerId).IsEmpty || _customerCode < 0))
        {
            if (!Id(_customerId, "customer_id", required: true, out var id)) return false;
            value = id.ToString(CultureInfo.InvariantCulture);
            return true;
        }
        isCode = true;
        value = Text(_customerCode, "customer_code", FieldLimits.Code, required: true);
        return _error is null;
    }

    /// <summary>What else a date may look like, by the file's date order.</summary>
    private string FormHint(string column) => OrderOf(column) switch
    {
        DateOrder.MonthDayYear => " or M/d/yyyy H:mm",
        DateOrder.DayMonthYear => " or d/M/yyyy H:mm",
        DateOrder.YearMonthDay => " or yyyy/M/d H:mm",
        _ => " (the file's dates are ISO; another form: --date-format)",
    };

    /// <summary>Amounts rounded to cents so far (<see cref="ImportOptions.RoundCents"/>), over the whole file read.</summary>
    public long RoundedAmounts { get; private set; }

    /// <summary>A plain decimal with more than two decimals, rounded to cents half away from zero; null when it rounds out of range.</summary>
    private static long? RoundedCents(ReadOnlySpan<byte> text)
    {
        if (!System.Buffers.Text.Utf8Parser.TryParse(text, out decimal value, out int used) || used != text.Length) return null;
        var cents = Math.Round(value, 2, MidpointRounding.AwayFromZero) * 100;
        return cents < 1_000_000_000m ? (long)cents : null;
    }

    /// <summary>The trimmed field as UTF-8; ids, dates, amounts and channels are parsed from the bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOnlySpan<byte> Field(int col) =>
        col < 0 ? [] : col >= ConstantBase ? _constants[col - ConstantBase] : col >= _row.FieldCount ? [] : FieldParsers.Trim(_row.Field(col));

    /// <summary>The date order of a column: its own from the mapping file, else the file's.</summary>
    private DateOrder OrderOf(string column) => _columnDateOrders.Count > 0 && _columnDateOrders.TryGetValue(column, out var order) ? order : _dateOrder;

    /// <summary>A field decoded for a word match; valid until the next call.</summary>
    private ReadOnlySpan<char> Chars(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > _chars.Length) _chars = new char[utf8.Length];
        return _chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, _chars));
    }

    private RowFail Fail(string reason)
    {
        _error ??= reason;
        return default;
    }

    /// <summary>Lets <c>return Fail(...)</c> work in methods returning any row type.</summary>
    private readonly struct RowFail
    {
        public static implicit operator CustomerImportRow?(RowFail _) => null;
        public static implicit operator OrderImportRow?(RowFail _) => null;
        public static implicit operator InteractionImportRow?(RowFail _) => null;
        public static implicit operator ServiceRequestImportRow?(RowFail _) => null;
        public static implicit operator OpportunityImportRow?(RowFail _) => null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Id(int col, string column, bool required, out long id)
    {
        var text = Field(col);
        if (FieldParsers.TryParseWholeId(text, out id)) return true;
        if (_error is null)
        {
            _error = text.IsEmpty
                ? $"{column}: is empty (expected a positive integer)"
                : $"{column}: {Show(text)} is not a positive integer up to 9223372036854775807";
        }
        return false;
    }

    /// <summary>Optional text within its limit; null when empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string? Text(int col, string column, int limit, bool required = false)
    {
        var utf8 = Field(col);
        if (utf8.IsEmpty)
        {
            if (required && _error is null) _error = $"{column}: is empty";
            return null;
        }
        var text = Encoding.UTF8.GetString(utf8);
        if (text.Length > limit)
        {
            _error ??= string.Create(CultureInfo.InvariantCulture, $"{column}: {text.Length} characters is longer than the limit of {limit} ({Show(text)})");
            return null;
        }
        return text;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private DateOnly? Date(int col, string column, bool required)
    {
        var text = Field(col);
        if (text.IsEmpty)
        {
            if (required) _error ??= $"{column}: is empty (expected YYYY-MM-DD)";
            return null;
        }
        switch (FieldParsers.TryParseDate(text, OrderOf(column), out var date))
        {
            case FieldParsers.DateError.None: return date;
            case FieldParsers.DateError.NotReal: _error ??= $"{column}: {Show(text)} is not a real date (expected YYYY-MM-DD)"; return null;
            default: _error ??= $"{column}: {Show(text)} is not a date in the form YYYY-MM-DD{FormHint(column)}"; return null;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private DateTime DateTime(int col, string column)
    {
        var text = Field(col);
        if (text.IsEmpty)
        {
            _error ??= $"{column}: is empty (expected YYYY-MM-DDTHH:MM:SS)";
            return default;
        }
        switch (FieldParsers.TryParseDateTime(text, OrderOf(column), out var value))
        {
            case FieldParsers.DateError.None: return value;
            case FieldParsers.DateError.NotReal: _error ??= $"{column}: {Show(text)} is not a real date-time (expected YYYY-MM-DDTHH:MM:SS)"; return default;
            default: _error ??= $"{column}: {Show(text)} is not a date-time in the form YYYY-MM-DDTHH:MM:SS{FormHint(column)}"; return default;
        }
    }

    private CustomerKind? Kind()
    {
        var text = Chars(Field(_customerKind));
        if (text.IsEmpty) return null;
        if (Is(text, "person") || Is(text, "individual") || Is(text, "个人") || Is(text, "个体")) return CustomerKind.Person;
        if (Is(text, "organisation") || Is(text, "organization") || Is(text, "company") || Is(text, "企业") || Is(text, "公司") || Is(text, "单位"))
            return CustomerKind.Organisation;
        _error ??= $"kind: {Show(text)} is not one of person, organisation (个人, 企业)";
        return null;
    }

    /// <summary>Tags separated by ';', '；', ',' or '，', stored joined with ';'.</summary>
    private string? Tags()
    {
        var text = Field(_tags);
        if (text.IsEmpty) return null;
        var parts = Encoding.UTF8.GetString(text).Split([';', '；', ',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var tag in parts)
        {
            if (tag.Length > FieldLimits.Tag)
            {
                _error ??= string.Create(CultureInfo.InvariantCulture, $"tags: the tag {Show(tag)} is longer than the limit of {FieldLimits.Tag}");
                return null;
            }
        }
        return parts.Length == 0 ? null : string.Join(';', parts.Distinct(StringComparer.Ordinal));
    }

    private string? Currency()
    {
        var text = Chars(Field(_currency));
        if (text.IsEmpty) return null;
        if (Is(text, "rmb") || Is(text, "人民币") || Is(text, "元")) return "CNY";
        if (text.Length == 3 && char.IsAsciiLetter(text[0]) && char.IsAsciiLetter(text[1]) && char.IsAsciiLetter(text[2]))
            return text.ToString().ToUpperInvariant();
        _error ??= $"currency: {Show(text)} is not a 3-letter currency code such as CNY";
        return null;
    }

    private static InteractionChannel? InteractionChannelOf(ReadOnlySpan<char> s)
    {
        if (Is(s, "call") || Is(s, "phone") || Is(s, "电话")) return InteractionChannel.Call;
        if (Is(s, "visit") || Is(s, "拜访") || Is(s, "上门")) return InteractionChannel.Visit;
        if (Is(s, "email") || Is(s, "e-mail") || Is(s, "邮件") || Is(s, "电子邮件")) return InteractionChannel.Email;
        if (Is(s, "chat") || Is(s, "wechat") || Is(s, "微信") || Is(s, "聊天")) return InteractionChannel.Chat;
        if (Is(s, "sms") || Is(s, "短信")) return InteractionChannel.Sms;
        if (Is(s, "letter") || Is(s, "fax") || Is(s, "信函") || Is(s, "传真")) return InteractionChannel.Letter;
        if (Is(s, "meeting") || Is(s, "会议")) return InteractionChannel.Meeting;
        if (Is(s, "note") || Is(s, "备注")) return InteractionChannel.Note;
        return null;
    }

    private static InteractionDirection? DirectionOf(ReadOnlySpan<char> s)
    {
        if (Is(s, "in") || Is(s, "inbound") || Is(s, "呼入") || Is(s, "来电") || Is(s, "客户来访")) return InteractionDirection.Inbound;
        if (Is(s, "out") || Is(s, "outbound") || Is(s, "呼出") || Is(s, "去电") || Is(s, "外呼")) return InteractionDirection.Outbound;
        if (Is(s, "internal") || Is(s, "内部")) return InteractionDirection.Internal;
        return null;
    }

    private static bool Is(ReadOnlySpan<char> s, string word) => s.Equals(word, StringComparison.OrdinalIgnoreCase);

    /// <summary>A value quoted for a reason; long values are cut so a reject line stays readable.</summary>
    private static string Show(ReadOnlySpan<byte> value) => Show(Encoding.UTF8.GetString(value));

    /// <inheritdoc cref="Show(ReadOnlySpan{byte})"/>
    private static string Show(ReadOnlySpan<char> value) =>
        value.Length <= 40 ? $"\"{value}\"" : $"\"{value[..37]}...\"";
}
