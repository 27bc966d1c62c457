using System.Globalization;

namespace Guanxi.Components;

/// <summary>The texts of a service request's attachments panel, once per language.</summary>
public sealed class ServiceAttachmentTexts
{
    public static ServiceAttachmentTexts Current => UiCulture.IsChinese(CultureInfo.CurrentUICulture) ? Zh : En;

    private bool Chinese => ReferenceEquals(this, Zh);

    public required string Attachments { get; init; }
    public required string None { get; init; }
    public required string Upload { get; init; }
    public required string Uploaded { get; init; }

    /// <summary>What may be uploaded, with the limit.</summary>
    public string Accepted(int megabytes) => Chinese
        ? $"可上传 PNG、JPEG 图片、PDF、纯文本和 Word、Excel、PowerPoint 文档，每个不超过 {megabytes} MB。"
        : $"PNG and JPEG images, PDF, plain text and Word, Excel or PowerPoint documents, up to {megabytes} MB each.";

    public string Size(long bytes) => bytes >= 1024 * 1024
        ? (bytes / 1024d / 1024d).ToString("0.0", CultureInfo.InvariantCulture) + " MB"
        : Math.Max(1, bytes / 1024).ToString(CultureInfo.InvariantCulture) + " KB";

    public static readonly ServiceAttachmentTexts En = new()
    {
        Attachments = "Attachments",
        None = "No attachments.",
        Upload = "Attach a file",
        Uploaded = "Attached.",
    };

    public static readonly ServiceAttachmentTexts Zh = new()
    {
        Attachments = "附件",
        None = "没有附件。",
        Upload = "上传附件",
        Uploaded = "已上传。",
    };
}
