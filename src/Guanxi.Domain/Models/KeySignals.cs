namespace Guanxi.Domain.Models;

/// <summary>What one class means in plain words, and what to do about it, in both languages.</summary>
public sealed record SignalMeaning(string MeaningEn, string MeaningZh, string NextEn, string NextZh);

/// <summary>
/// The customer page's key signals (issue 18): value, RFM segment, churn state and member tier, each class with a
/// one-line meaning in plain words and a suggested next step, so the person who should act on a model can read it
/// without the analyst's table. The order is the order of urgency: the first signal with a step to take leads.
/// </summary>
public static class KeySignals
{
    public static readonly IReadOnlyList<string> Models = [ModelKeys.Lost, ModelKeys.RfmSegment, ModelKeys.Value, ModelKeys.MemberTier];

    private static readonly Dictionary<(string Model, string Class), SignalMeaning> Meanings = new()
    {
        [(ModelKeys.Lost, LostClasses.HighValue)] = new("Bought a lot, then stopped buying long ago.", "曾经买得多，已很久没有再买。",
            "Call them yourself this week and make a win-back offer.", "本周亲自致电，并给出挽回方案。"),
        [(ModelKeys.Lost, "lost_low_value")] = new("Bought a little, then stopped buying long ago.", "买得不多，已很久没有再买。",
            "Include them in the next win-back campaign.", "纳入下一次挽回活动。"),
        [(ModelKeys.Lost, LostClasses.ChurnWarning)] = new("Buying later than usual: may be drifting away.", "购买比平时晚，可能正在流失。",
            "Get in touch within a few days and ask how things are.", "几天内联系，问候近况。"),
        [(ModelKeys.Lost, LostClasses.Retained)] = new("Still buying at their usual pace.", "仍按平常节奏购买。",
            "Keep the regular contact.", "保持常规联系。"),

        [(ModelKeys.RfmSegment, "champions")] = new("Bought recently, often and a lot.", "最近买过，买得勤、买得多。",
            "Thank them and offer early access or a referral reward.", "表示感谢，提供新品优先或推荐奖励。"),
        [(ModelKeys.RfmSegment, "loyal_customers")] = new("Buys often and spends well.", "经常购买，消费可观。",
            "Offer the next tier or a related product.", "推荐升级会员或相关产品。"),
        [(ModelKeys.RfmSegment, "potential_loyalist")] = new("Recent customer who has come back more than once.", "新近客户，已多次回购。",
            "Invite them to the membership programme.", "邀请加入会员计划。"),
        [(ModelKeys.RfmSegment, "new_customers")] = new("Bought for the first time recently.", "最近首次购买。",
            "Welcome them and check the first order went well.", "欢迎并回访首单体验。"),
        [(ModelKeys.RfmSegment, "promising")] = new("Recent buyer who has not bought much yet.", "最近买过，但买得还不多。",
            "Send a tailored offer for a second purchase.", "发送针对性的复购优惠。"),
        [(ModelKeys.RfmSegment, "need_attention")] = new("Used to buy regularly; the last purchase is getting old.", "原本规律购买，最近一次已有些久。",
            "Get in touch with something new for them.", "联系并介绍适合的新品。"),
        [(ModelKeys.RfmSegment, "about_to_sleep")] = new("Bought little and not recently.", "买得少，且很久没买。",
            "Remind them with a limited-time offer.", "用限时优惠唤醒。"),
        [(ModelKeys.RfmSegment, "at_risk")] = new("Spent a lot, but not for a long time.", "曾经消费多，但很久没买。",
            "Call them personally before they are gone.", "趁还没流失，亲自致电。"),
        [(ModelKeys.RfmSegment, "cant_lose_them")] = new("One of the biggest buyers, now silent.", "曾是大客户，如今沉默。",
            "Have a senior person visit or call.", "请主管上门或致电。"),
        [(ModelKeys.RfmSegment, "hibernating")] = new("Bought little, long ago.", "很久以前少量购买。",
            "Low-cost reminders only.", "仅做低成本提醒。"),
        [(ModelKeys.RfmSegment, "lost")] = new("Has not bought for the longest time.", "已很长时间没有购买。",
            "Try one win-back message, then let go.", "尝试一次挽回，无果则放下。"),

        [(ModelKeys.Value, "high_value")] = new("Among the customers who bring the most.", "属于贡献最高的客户。",
            "Give them priority service.", "提供优先服务。"),
        [(ModelKeys.Value, "potential")] = new("Could become a high-value customer.", "有望成为高价值客户。",
            "Find out what else they need.", "了解其更多需求。"),
        [(ModelKeys.Value, "general")] = new("An average contribution.", "贡献一般。",
            "Keep in regular touch.", "保持常规联系。"),
        [(ModelKeys.Value, "low_value")] = new("Brings little so far.", "目前贡献较少。",
            "Serve efficiently; include in campaigns.", "高效服务，纳入营销活动。"),

        [(ModelKeys.MemberTier, "diamond")] = new("Top member tier.", "最高会员等级。",
            "Use the tier's exclusive benefits.", "提供专属权益。"),
        [(ModelKeys.MemberTier, "platinum")] = new("Second member tier.", "第二会员等级。",
            "Show what the next tier offers.", "介绍升级后的权益。"),
        [(ModelKeys.MemberTier, "gold")] = new("Third member tier.", "第三会员等级。",
            "Show what the next tier offers.", "介绍升级后的权益。"),
        [(ModelKeys.MemberTier, "mass")] = new("Not yet in a paying tier.", "尚未进入付费等级。",
            "Invite them to the membership programme.", "邀请加入会员计划。"),
    };

    /// <summary>The meaning of a class of one of <see cref="Models"/>, or null for another model or an unknown class.</summary>
    public static SignalMeaning? Of(string model, string classKey) => Meanings.GetValueOrDefault((model, classKey));

    /// <summary>Every class of the signal models has its meaning (checked by a test).</summary>
    public static IEnumerable<(string Model, string Class)> Missing() =>
        Models.SelectMany(m => ModelCatalog.Get(m).Classes.Select(c => (m, c.Key))).Where(k => !Meanings.ContainsKey(k));
}
