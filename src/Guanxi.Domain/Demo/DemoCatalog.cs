namespace Guanxi.Domain.Demo;

/// <summary>A Chinese surname with its pinyin and a relative frequency (per mille of the population, roughly).</summary>
public sealed record WeightedName(string Text, string Pinyin, double Weight);

public sealed record DemoCity(string Name, string Province, string AreaCode, double Weight);

/// <summary>A product and the unit price range (in yuan) it is sold at.</summary>
public sealed record DemoProduct(string Name, int MinYuan, int MaxYuan);

/// <summary>An interaction template; "{p}" in subject or body is replaced by a product name.</summary>
public sealed record DemoTopic(string Subject, string Body);

/// <summary>
/// The small, fixed vocabulary the demo generator draws from. Kept short on purpose: enough variety
/// for screens and searches to look real, small enough to read in one sitting.
/// </summary>
public static class DemoCatalog
{
    // Weights follow the published surname shares: the top five cover about 30% of the population.
    public static readonly IReadOnlyList<WeightedName> Surnames =
    [
        new("王", "wang", 7.1), new("李", "li", 7.0), new("张", "zhang", 6.4), new("刘", "liu", 5.4),
        new("陈", "chen", 4.5), new("杨", "yang", 3.1), new("黄", "huang", 2.3), new("赵", "zhao", 2.2),
        new("吴", "wu", 2.0), new("周", "zhou", 1.9), new("徐", "xu", 1.3), new("孙", "sun", 1.2),
        new("马", "ma", 1.2), new("朱", "zhu", 1.1), new("胡", "hu", 1.0), new("郭", "guo", 1.0),
        new("何", "he", 0.9), new("林", "lin", 0.9), new("高", "gao", 0.9), new("罗", "luo", 0.8),
        new("郑", "zheng", 0.8), new("梁", "liang", 0.7), new("谢", "xie", 0.6), new("宋", "song", 0.6),
        new("唐", "tang", 0.5), new("许", "xu", 0.5), new("韩", "han", 0.5), new("冯", "feng", 0.5),
        new("邓", "deng", 0.5), new("曹", "cao", 0.5), new("彭", "peng", 0.4), new("曾", "zeng", 0.4),
        new("萧", "xiao", 0.4), new("田", "tian", 0.4), new("董", "dong", 0.4), new("潘", "pan", 0.3),
        new("袁", "yuan", 0.3), new("蔡", "cai", 0.3), new("蒋", "jiang", 0.3), new("余", "yu", 0.3),
        new("欧阳", "ouyang", 0.05), new("司马", "sima", 0.01),
    ];

    public static readonly IReadOnlyList<WeightedName> GivenNameCharacters =
    [
        new("伟", "wei", 3), new("芳", "fang", 2), new("娜", "na", 2), new("敏", "min", 2), new("静", "jing", 2),
        new("丽", "li", 2), new("强", "qiang", 2), new("磊", "lei", 2), new("军", "jun", 2), new("洋", "yang", 2),
        new("勇", "yong", 1.5), new("艳", "yan", 1.5), new("杰", "jie", 1.5), new("娟", "juan", 1.5), new("涛", "tao", 1.5),
        new("明", "ming", 1.5), new("超", "chao", 1.5), new("秀", "xiu", 1), new("霞", "xia", 1), new("平", "ping", 1),
        new("刚", "gang", 1), new("桂", "gui", 0.5), new("英", "ying", 1), new("华", "hua", 1), new("建", "jian", 1),
        new("国", "guo", 1), new("文", "wen", 1), new("辉", "hui", 1), new("鹏", "peng", 1), new("宇", "yu", 1),
        new("浩", "hao", 1), new("婷", "ting", 1), new("雪", "xue", 1), new("琳", "lin", 0.8), new("欣", "xin", 0.8),
        new("晨", "chen", 0.8), new("子", "zi", 0.8), new("梓", "zi", 0.5), new("涵", "han", 0.8), new("轩", "xuan", 0.8),
        new("佳", "jia", 0.8), new("思", "si", 0.8), new("怡", "yi", 0.8), new("博", "bo", 0.6), new("然", "ran", 0.6),
        new("嘉", "jia", 0.6), new("慧", "hui", 0.6), new("志", "zhi", 0.6), new("海", "hai", 0.6), new("红", "hong", 0.6),
    ];

    // Weights are rough metro populations in millions, so Shanghai and Beijing dominate as they do in practice.
    public static readonly IReadOnlyList<DemoCity> Cities =
    [
        new("上海", "上海市", "021", 24), new("北京", "北京市", "010", 22), new("深圳", "广东省", "0755", 17),
        new("广州", "广东省", "020", 18), new("成都", "四川省", "028", 16), new("重庆", "重庆市", "023", 14),
        new("天津", "天津市", "022", 13), new("杭州", "浙江省", "0571", 12), new("武汉", "湖北省", "027", 12),
        new("西安", "陕西省", "029", 12), new("南京", "江苏省", "025", 9), new("苏州", "江苏省", "0512", 12),
        new("郑州", "河南省", "0371", 12), new("长沙", "湖南省", "0731", 10), new("东莞", "广东省", "0769", 10),
        new("沈阳", "辽宁省", "024", 9), new("青岛", "山东省", "0532", 10), new("合肥", "安徽省", "0551", 9),
        new("佛山", "广东省", "0757", 9), new("济南", "山东省", "0531", 9), new("宁波", "浙江省", "0574", 9),
        new("昆明", "云南省", "0871", 8), new("福州", "福建省", "0591", 8), new("无锡", "江苏省", "0510", 7),
        new("厦门", "福建省", "0592", 5), new("哈尔滨", "黑龙江省", "0451", 9), new("长春", "吉林省", "0431", 9),
        new("大连", "辽宁省", "0411", 7), new("南昌", "江西省", "0791", 6), new("南宁", "广西壮族自治区", "0771", 8),
        new("贵阳", "贵州省", "0851", 6), new("石家庄", "河北省", "0311", 11), new("太原", "山西省", "0351", 5),
        new("温州", "浙江省", "0577", 9), new("泉州", "福建省", "0595", 8), new("南通", "江苏省", "0513", 7),
        new("常州", "江苏省", "0519", 5), new("徐州", "江苏省", "0516", 9), new("兰州", "甘肃省", "0931", 4),
        new("乌鲁木齐", "新疆维吾尔自治区", "0991", 4), new("呼和浩特", "内蒙古自治区", "0471", 3), new("海口", "海南省", "0898", 3),
    ];

    /// <summary>Industry name as shown to users, and the word that ends a company name in that industry.</summary>
    public static readonly IReadOnlyList<(string Industry, string CompanySuffix)> Industries =
    [
        ("批发零售", "贸易"), ("制造业", "制造"), ("信息技术", "科技"), ("餐饮服务", "餐饮管理"),
        ("建筑装饰", "装饰工程"), ("物流运输", "物流"), ("教育培训", "教育咨询"), ("医疗健康", "医疗器械"),
        ("电子商务", "电子商务"), ("文化传媒", "文化传媒"), ("食品饮料", "食品"), ("服装纺织", "服饰"),
    ];

    // Brand-like words that Chinese companies favour (auspicious, short, two characters).
    public static readonly IReadOnlyList<string> CompanyWords =
    [
        "恒达", "华信", "鑫源", "博远", "永盛", "宏图", "汇丰", "瑞祥", "金桥", "东方", "新锐", "安泰",
        "嘉禾", "卓越", "天成", "盛世", "顺发", "和信", "中兴", "联创", "佳美", "海纳", "星辰", "锦程",
    ];

    public static readonly IReadOnlyList<(string Source, double Weight)> Sources =
    [
        ("门店", 30), ("官网", 18), ("微信", 20), ("转介绍", 10), ("展会", 6), ("电话营销", 6),
        ("小红书", 5), ("抖音", 5),
    ];

    public static readonly IReadOnlyList<string> PersonTags = ["VIP", "价格敏感", "关注新品", "会员", "老客户", "节日购买", "高潜力"];

    public static readonly IReadOnlyList<string> OrganisationTags = ["企业采购", "VIP", "月结", "需开专票", "战略客户", "年度框架协议"];

    public static readonly IReadOnlyList<string> PersonNotes =
    [
        "偏好周末到店，喜欢提前电话确认库存。", "对价格比较敏感，促销活动时购买较多。", "生日当月有会员优惠，记得提醒。",
        "家里有小孩，关注儿童系列产品。", "曾投诉过一次物流延迟，已妥善处理。", "喜欢微信沟通，不要在工作时间打电话。",
    ];

    public static readonly IReadOnlyList<string> OrganisationNotes =
    [
        "采购流程需走OA审批，一般两周。", "年底集中采购，11月前需提供报价。", "财务要求每月25日前开具发票。",
        "联系人刚换过，注意更新通讯录。", "有意向签年度框架协议。",
    ];

    public static readonly IReadOnlyList<string> ContactRoles = ["采购经理", "总经理", "财务", "行政主管", "技术负责人", "销售总监"];

    public static readonly IReadOnlyList<DemoProduct> Products =
    [
        new("乌龙茶礼盒", 88, 398), new("龙井茶 250g", 120, 680), new("保温杯", 39, 199), new("蓝牙耳机", 99, 899),
        new("羊毛围巾", 129, 599), new("护肤套装", 199, 1299), new("婴儿奶粉", 158, 458), new("坚果礼包", 59, 268),
        new("智能手环", 149, 699), new("办公椅", 399, 2599), new("打印纸 A4 (箱)", 99, 239), new("商务笔记本", 19, 89),
        new("空气净化器", 899, 4999), new("咖啡豆 1kg", 89, 329), new("运动鞋", 259, 1099), new("床上四件套", 199, 1299),
        new("月饼礼盒", 128, 688), new("洗衣液 (箱)", 49, 159), new("电饭煲", 199, 1499), new("行李箱", 299, 1899),
    ];

    public static readonly IReadOnlyList<DemoTopic> Topics =
    [
        new("咨询{p}价格", "客户询问{p}的价格和近期优惠，已发送报价单。"),
        new("{p}售后问题", "客户反映{p}使用中出现问题，已登记并安排售后跟进。"),
        new("新品推荐", "向客户介绍了本季新品，客户对{p}比较感兴趣，约定下周再联系。"),
        new("回访满意度", "电话回访上次购买的{p}，客户表示满意，愿意推荐给朋友。"),
        new("会员活动通知", "通知客户会员日活动时间和积分兑换规则。"),
        new("投诉处理", "客户投诉发货延迟，已致歉并补发优惠券，客户接受处理结果。"),
        new("上门拜访", "拜访客户，了解今年采购计划，对方计划增加{p}的采购量。"),
        new("合同续签", "与客户沟通年度合同续签事宜，对方要求在原价基础上再降3%。"),
        new("发票确认", "客户财务确认已收到发票，付款预计在月底前完成。"),
        new("节日问候", "节日问候，顺便介绍了{p}礼盒。"),
        new("退换货申请", "客户申请退换{p}，已告知流程并提供退货地址。"),
        new("内部备注", "该客户近期购买频次下降，建议安排一次回访。"),
    ];

    /// <summary>Mobile prefixes in use, the older 13x/15x/18x blocks being the most common.</summary>
    public static readonly IReadOnlyList<string> MobilePrefixes =
    [
        "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153",
        "155", "156", "157", "158", "159", "176", "177", "180", "181", "182", "183", "185", "186",
        "187", "188", "189", "199",
    ];
}
