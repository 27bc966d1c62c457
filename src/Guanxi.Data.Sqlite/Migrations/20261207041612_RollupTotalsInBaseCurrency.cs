using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Sqlite.Migrations
{
    /// <summary>
    /// The rollups' <c>total_cents</c> in the base currency (issue 17, docs/orders.md "Currencies"): each order converted
    /// with its own month's rate, rounded per order half away from zero; an order without a rate adds nothing. The base
    /// currency is the setting <c>currency.base</c>, which the program writes from <c>Currency:Base</c> at start; a rate
    /// written or deleted re-adds the customers with orders in its currency and month, a new base re-adds everyone.
    /// </summary>
    public partial class RollupTotalsInBaseCurrency : Migration
    {
        /// <summary>The order <paramref name="o"/>'s amount in the base currency (SQLite rounds half away from zero).</summary>
        private static string Converted(string o) => $"""
            CASE WHEN {o}.currency = (SELECT "value" FROM settings WHERE "key" = 'currency.base') THEN {o}.amount_cents
                 ELSE coalesce((SELECT CAST(round({o}.amount_cents * CAST(r.rate AS REAL)) AS INTEGER) FROM currency_rates r
                                WHERE r.currency = {o}.currency AND r.month = substr({o}.ordered_at, 1, 7) || '-01'), 0) END
            """;

        private static string TotalOf(string customer) =>
            $"(SELECT coalesce(sum({Converted("o")}), 0) FROM orders o WHERE o.customer_id = {customer})";

        /// <summary>Re-adds the totals of the customers with an order in the rate <paramref name="r"/>'s currency and month.</summary>
        private static string ReAddMonth(string r) => $"""
              UPDATE customer_rollups SET total_cents = {TotalOf("customer_rollups.customer_id")}
              WHERE customer_id IN (SELECT customer_id FROM orders WHERE currency = {r}.currency AND ordered_at >= {r}.month AND ordered_at < date({r}.month, '+1 month'));
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""INSERT OR IGNORE INTO settings ("key", "value") VALUES ('currency.base', 'CNY');""");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_orders_rollup_insert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_orders_rollup_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_orders_rollup_update;");
            migrationBuilder.Sql($"""
                CREATE TRIGGER trg_orders_rollup_insert AFTER INSERT ON orders BEGIN
                  INSERT OR IGNORE INTO customer_rollups (customer_id, order_count, total_cents, interaction_count) VALUES (new.customer_id, 0, 0, 0);
                  UPDATE customer_rollups SET order_count = order_count + 1, total_cents = total_cents + {Converted("new")},
                    first_order_at = CASE WHEN first_order_at IS NULL OR new.ordered_at < first_order_at THEN new.ordered_at ELSE first_order_at END,
                    last_order_at = CASE WHEN last_order_at IS NULL OR new.ordered_at > last_order_at THEN new.ordered_at ELSE last_order_at END,
                    order_version = order_version + 1
                  WHERE customer_id = new.customer_id;
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER trg_orders_rollup_delete AFTER DELETE ON orders BEGIN
                  UPDATE customer_rollups SET order_count = order_count - 1, total_cents = total_cents - {Converted("old")},
                    first_order_at = (SELECT min(ordered_at) FROM orders WHERE customer_id = old.customer_id),
                    last_order_at = (SELECT max(ordered_at) FROM orders WHERE customer_id = old.customer_id),
                    order_version = order_version + 1
                  WHERE customer_id = old.customer_id;
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER trg_orders_rollup_update AFTER UPDATE ON orders BEGIN
                  UPDATE customer_rollups SET order_count = order_count - 1, total_cents = total_cents - {Converted("old")},
                    first_order_at = (SELECT min(ordered_at) FROM orders WHERE customer_id = old.customer_id),
                    last_order_at = (SELECT max(ordered_at) FROM orders WHERE customer_id = old.customer_id),
                    order_version = order_version + 1
                  WHERE customer_id = old.customer_id;
                  INSERT OR IGNORE INTO customer_rollups (customer_id, order_count, total_cents, interaction_count) VALUES (new.customer_id, 0, 0, 0);
                  UPDATE customer_rollups SET order_count = order_count + 1, total_cents = total_cents + {Converted("new")},
                    first_order_at = (SELECT min(ordered_at) FROM orders WHERE customer_id = new.customer_id),
                    last_order_at = (SELECT max(ordered_at) FROM orders WHERE customer_id = new.customer_id),
                    order_version = order_version + 1
                  WHERE customer_id = new.customer_id;
                END;
                """);
            // A rate changes what its month's orders are worth; the order versions stay (histories keep each order's
            // own currency and a model run converts them itself).
            migrationBuilder.Sql($"""
                CREATE TRIGGER trg_currency_rates_rollup_insert AFTER INSERT ON currency_rates BEGIN
                {ReAddMonth("new")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER trg_currency_rates_rollup_update AFTER UPDATE ON currency_rates BEGIN
                {ReAddMonth("old")}
                {ReAddMonth("new")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER trg_currency_rates_rollup_delete AFTER DELETE ON currency_rates BEGIN
                {ReAddMonth("old")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER trg_settings_currency_base_insert AFTER INSERT ON settings WHEN new."key" = 'currency.base' BEGIN
                  UPDATE customer_rollups SET total_cents = {TotalOf("customer_rollups.customer_id")} WHERE order_count > 0;
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER trg_settings_currency_base_update AFTER UPDATE OF "value" ON settings
                WHEN new."key" = 'currency.base' AND new."value" IS NOT old."value" BEGIN
                  UPDATE customer_rollups SET total_cents = {TotalOf("customer_rollups.customer_id")} WHERE order_count > 0;
                END;
                """);
            // Orders in another currency written before this upgrade were added as they were stored.
            migrationBuilder.Sql($"""
                UPDATE customer_rollups SET total_cents = {TotalOf("customer_rollups.customer_id")}
                WHERE customer_id IN (SELECT customer_id FROM orders WHERE currency <> 'CNY');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var name in new[] { "trg_currency_rates_rollup_insert", "trg_currency_rates_rollup_update", "trg_currency_rates_rollup_delete",
                                         "trg_settings_currency_base_insert", "trg_settings_currency_base_update",
                                         "trg_orders_rollup_insert", "trg_orders_rollup_delete", "trg_orders_rollup_update" })
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {name};");
            migrationBuilder.Sql("""
                CREATE TRIGGER trg_orders_rollup_insert AFTER INSERT ON orders BEGIN
                  INSERT OR IGNORE INTO customer_rollups (customer_id, order_count, total_cents, interaction_count) VALUES (new.customer_id, 0, 0, 0);
                  UPDATE customer_rollups SET order_count = order_count + 1, total_cents = total_cents + new.amount_cents,
                    first_order_at = CASE WHEN first_order_at IS NULL OR new.ordered_at < first_order_at THEN new.ordered_at ELSE first_order_at END,
                    last_order_at = CASE WHEN last_order_at IS NULL OR new.ordered_at > last_order_at THEN new.ordered_at ELSE last_order_at END,
                    order_version = order_version + 1
                  WHERE customer_id = new.customer_id;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER trg_orders_rollup_delete AFTER DELETE ON orders BEGIN
                  UPDATE customer_rollups SET order_count = order_count - 1, total_cents = total_cents - old.amount_cents,
                    first_order_at = (SELECT min(ordered_at) FROM orders WHERE customer_id = old.customer_id),
                    last_order_at = (SELECT max(ordered_at) FROM orders WHERE customer_id = old.customer_id),
                    order_version = order_version + 1
                  WHERE customer_id = old.customer_id;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER trg_orders_rollup_update AFTER UPDATE ON orders BEGIN
                  UPDATE customer_rollups SET order_count = order_count - 1, total_cents = total_cents - old.amount_cents,
                    first_order_at = (SELECT min(ordered_at) FROM orders WHERE customer_id = old.customer_id),
                    last_order_at = (SELECT max(ordered_at) FROM orders WHERE customer_id = old.customer_id),
                    order_version = order_version + 1
                  WHERE customer_id = old.customer_id;
                  INSERT OR IGNORE INTO customer_rollups (customer_id, order_count, total_cents, interaction_count) VALUES (new.customer_id, 0, 0, 0);
                  UPDATE customer_rollups SET order_count = order_count + 1, total_cents = total_cents + new.amount_cents,
                    first_order_at = (SELECT min(ordered_at) FROM orders WHERE customer_id = new.customer_id),
                    last_order_at = (SELECT max(ordered_at) FROM orders WHERE customer_id = new.customer_id),
                    order_version = order_version + 1
                  WHERE customer_id = new.customer_id;
                END;
                """);
            migrationBuilder.Sql("UPDATE customer_rollups SET total_cents = (SELECT coalesce(sum(amount_cents), 0) FROM orders o WHERE o.customer_id = customer_rollups.customer_id);");
            migrationBuilder.Sql("""DELETE FROM settings WHERE "key" = 'currency.base';""");
        }
    }
}
