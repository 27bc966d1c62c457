using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Guanxi.Data;

/// <summary>Plain parameterised SQL on the context's own connection and transaction, for the few statements EF cannot express.</summary>
public static class DbCommands
{
    public static async Task<DbCommand> CreateCommandAsync(this GuanxiDbContext db, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = db.Database.GetCommandTimeout() ?? command.CommandTimeout;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }

    public static async Task<T> ScalarAsync<T>(this GuanxiDbContext db, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = await db.CreateCommandAsync(sql, ct, parameters);
        var result = await command.ExecuteScalarAsync(ct);
        return (T)Convert.ChangeType(result!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<int> ExecuteAsync(this GuanxiDbContext db, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = await db.CreateCommandAsync(sql, ct, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }
}
