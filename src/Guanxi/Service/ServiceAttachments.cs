using System.Security.Cryptography;
using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Service;
using Guanxi.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Guanxi.Service;

/// <summary>A file's metadata; its name is what the uploader called it, so it is masked like any free text.</summary>
public sealed record ServiceAttachmentDto(long Id, long RequestId, [property: PersonalData(PersonalKind.FreeText)] string FileName, string ContentType, long SizeBytes, long? UploadedById, string? UploadedBy, DateTime CreatedAt);

/// <summary>An attachment's bytes with what the download says about them.</summary>
public sealed record AttachmentFile(Stream Content, string FileName, string ContentType);

/// <summary>
/// Files on service requests. Stored outside the web root in the attachment folder (Service:AttachmentFolder) under a
/// random name, so nothing a user typed ever becomes a path; the upload's name is kept as metadata only. A file's type is
/// what its first bytes show (<see cref="AttachmentTypes"/>), and it must agree with the declared one. Who may see the
/// request (the one query filter) may list its files; downloading them is reading unmasked content, so it also needs
/// <see cref="Right.ViewPersonalData"/>.
/// </summary>
public sealed class ServiceAttachments(IDbContextFactory<GuanxiDbContext> contexts, IOptions<ServiceOptions> options, DatabaseTarget target, TimeProvider time)
{
    public long MaxBytes => options.Value.MaxAttachmentBytes;

    /// <summary>The folder the files live in (created on first use).</summary>
    public string Folder { get; } = FolderOf(options.Value, target);

    internal static string FolderOf(ServiceOptions options, DatabaseTarget target)
    {
        if (!string.IsNullOrWhiteSpace(options.AttachmentFolder)) return Path.GetFullPath(options.AttachmentFolder);
        var db = target.SqliteFile;
        var dataFolder = db is not null && db != ":memory:" ? Path.GetDirectoryName(Path.GetFullPath(db))! : Path.GetFullPath(Path.GetDirectoryName(DatabaseTarget.DefaultSqlitePath)!);
        return Path.Combine(dataFolder, "attachments");
    }

    public async Task<IReadOnlyList<ServiceAttachmentDto>> ListAsync(long requestId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.ServiceRequests.AnyAsync(r => r.Id == requestId, ct)) throw new NotFoundException("Service request");
        return PersonalData.ForCaller(await (
            from a in db.ServiceAttachments.AsNoTracking().Where(a => a.RequestId == requestId)
            from u in db.Users.Where(u => u.Id == a.UploadedById).DefaultIfEmpty()
            orderby a.Id
            select new ServiceAttachmentDto(a.Id, a.RequestId, a.FileName, a.ContentType, a.SizeBytes, a.UploadedById, u == null ? null : u.UserName, a.CreatedAt)).ToListAsync(ct));
    }

    /// <summary>
    /// Stores <paramref name="content"/> as a file of the request: 404 when the request is out of reach, 413 over the size
    /// limit, 415 when its bytes are not an accepted type or not the declared one.
    /// </summary>
    public async Task<ServiceAttachmentDto> AddAsync(long requestId, string? fileName, string? declaredType, long? length, Stream content, CancellationToken ct = default)
    {
        var name = CleanName(fileName);
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Demand(Right.WorkServiceRequests);
        var request = await db.ServiceRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct) ?? throw new NotFoundException("Service request");
        if (length > MaxBytes) throw TooLarge();

        var head = new byte[AttachmentTypes.SniffBytes];
        var headLength = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        if (headLength == 0) throw new FileRefusedException(StatusCodes.Status400BadRequest, "file", "The file is empty.");
        var sniffed = AttachmentTypes.Sniff(head.AsSpan(0, headLength), name)
            ?? throw new FileRefusedException(StatusCodes.Status415UnsupportedMediaType, "file",
                $"\"{name}\" is not an accepted file type; accepted are PNG and JPEG images, PDF, plain text and Word, Excel or PowerPoint documents.");
        if (!AttachmentTypes.Agrees(declaredType, sniffed))
            throw new FileRefusedException(StatusCodes.Status415UnsupportedMediaType, "file", $"The file says it is {declaredType} but its content is {sniffed}.");

        Directory.CreateDirectory(Folder);
        var stored = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var path = Path.Combine(Folder, stored);
        long size = headLength;
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await file.WriteAsync(head.AsMemory(0, headLength), ct);
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    // A length that was not declared (or lied about) is counted: the limit holds either way.
                    if (size > MaxBytes) throw TooLarge();
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }
            var now = time.GetUtcNow().UtcDateTime;
            var attachment = new ServiceAttachment
            {
                RequestId = request.Id, FileName = name, ContentType = sniffed, SizeBytes = size, StoredName = stored,
                UploadedById = db.Scope.UserId > 0 ? db.Scope.UserId : null, CreatedAt = now,
            };
            db.ServiceAttachments.Add(attachment);
            db.ServiceRequestEvents.Add(new ServiceRequestEvent
            {
                RequestId = request.Id, Kind = "attachment", Note = name, ActorId = attachment.UploadedById, At = now,
            });
            // The request changes too (its version): the write passes the request's guard.
            request.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            return (await ListAsync(requestId, ct)).Single(a => a.Id == attachment.Id);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Deletes stored files whose rows were removed (a customer's erasure); a file already gone is not an error.</summary>
    public void DeleteFiles(IEnumerable<string> storedNames)
    {
        foreach (var stored in storedNames) File.Delete(Path.Combine(Folder, Path.GetFileName(stored)));
    }

    /// <summary>The file to download; 404 unless the request is in reach and the attachment is its own.</summary>
    public async Task<AttachmentFile> OpenAsync(long requestId, long attachmentId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Demand(Right.ViewPersonalData);
        var a = await db.ServiceAttachments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == attachmentId && x.RequestId == requestId, ct)
            ?? throw new NotFoundException("Attachment");
        var path = Path.Combine(Folder, a.StoredName);
        if (!File.Exists(path)) throw new NotFoundException("Attachment");
        return new AttachmentFile(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous), a.FileName, a.ContentType);
    }

    private FileRefusedException TooLarge() => new(StatusCodes.Status413PayloadTooLarge, "file",
        $"The file is larger than the limit of {options.Value.MaxAttachmentMegabytes} MB (Service:MaxAttachmentMegabytes).");

    /// <summary>The upload's name without any folder part or control characters, within the column's length.</summary>
    internal static string CleanName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string([.. name.Where(c => !char.IsControl(c))]).Trim();
        if (name.Length == 0) name = "attachment";
        if (name.Length <= ServiceAttachment.FileNameMaxLength) return name;
        var extension = Path.GetExtension(name);
        return name[..(ServiceAttachment.FileNameMaxLength - extension.Length)] + extension;
    }
}
