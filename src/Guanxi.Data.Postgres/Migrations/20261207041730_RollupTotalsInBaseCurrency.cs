using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Postgres.Migrations
{
    /// <summary>
    /// The rollups' <c>total_cents</c> in the base currency (issue 17, docs/orders.md "Currencies"): each order converted
    /// with its own month's rate, rounded per order half away from zero (numeric round); an order without a rate adds
    /// nothing. The base currency is the setting <c>currency.base</c>, which the program writes from <c>Currency:Base</c>
    /// at start; a rate written or deleted re-adds the customers with orders in its currency and month, a new base re-adds
    /// everyone.
    /// </summary>
    public partial class RollupTotalsInBaseCurrency : Migration
    {
        /// <summary>The order <paramref name="o"/>'s amount in the base currency (the settings read is one init plan per statement).</summary>
        private static string Converted(string o) => $"""
            CASE WHEN {o}.currency = (SELECT value FROM settings WHERE key = 'currency.base') THEN {o}.amount_cents
                 ELSE coalesce((SELECT round({o}.amount_cents * r.rate)::bigint FROM currency_rates r
                                WHERE r.currency = {o}.currency AND r.month = date_trunc('month', {o}.ordered_at)::date), 0) END
            """;

        private static string Functions(bool converted)
        {
            string Sum(string o) => converted ? $"sum({Converted(o)})" : $"sum({o}.amount_cents)";
            return $"""
                CREATE OR REPLACE FUNCTION orders_rollup_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  INSERT INTO customer_rollups AS r (customer_id, order_count, total_cents, first_order_at, last_order_at, interaction_count, order_version)
                  SELECT n.customer_id, count(*), {Sum("n")}, min(n.ordered_at), max(n.ordered_at), 0, 1 FROM new_rows n GROUP BY n.customer_id
                  ON CONFLICT (customer_id) DO UPDATE SET order_count = r.order_count + excluded.order_count,
                    total_cents = r.total_cents + excluded.total_cents,
                    first_order_at = LEAST(r.first_order_at, excluded.first_order_at),
                    last_order_at = GREATEST(r.last_order_at, excluded.last_order_at),
                    order_version = r.order_version + 1;
                  RETURN NULL;
                END $$;
                CREATE OR REPLACE FUNCTION orders_rollup_recompute() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  INSERT INTO customer_rollups AS r (customer_id, order_count, total_cents, first_order_at, last_order_at, interaction_count, order_version)
                  SELECT d.customer_id, count(o.id), coalesce({Sum("o")}, 0), min(o.ordered_at), max(o.ordered_at), 0, 1
                  FROM (SELECT customer_id FROM old_rows UNION SELECT customer_id FROM changed_rows) d
                  JOIN customers c ON c.id = d.customer_id
                  LEFT JOIN orders o ON o.customer_id = d.customer_id
                  GROUP BY d.customer_id
                  ON CONFLICT (customer_id) DO UPDATE SET order_count = excluded.order_count, total_cents = excluded.total_cents,
                    first_order_at = excluded.first_order_at, last_order_at = excluded.last_order_at, order_version = r.order_version + 1;
                  RETURN NULL;
                END $$;
                CREATE OR REPLACE FUNCTION orders_rollup_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  UPDATE customer_rollups r SET order_count = s.n, total_cents = s.t, first_order_at = s.f, last_order_at = s.l, order_version = r.order_version + 1
                  FROM (SELECT d.customer_id, count(o.id) AS n, coalesce({Sum("o")}, 0) AS t, min(o.ordered_at) AS f, max(o.ordered_at) AS l
                        FROM (SELECT DISTINCT customer_id FROM old_rows) d LEFT JOIN orders o ON o.customer_id = d.customer_id
                        GROUP BY d.customer_id) s
                  WHERE r.customer_id = s.customer_id;
                  RETURN NULL;
                END $$;
                """;
        }

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("INSERT INTO settings (key, value) VALUES ('currency.base', 'CNY') ON CONFLICT (key) DO NOTHING;");
            migrationBuilder.Sql(Functions(converted: true));
            // A rate changes what its month's orders are worth; the order versions stay (histories keep each order's own
            // currency and a model run converts them itself).
            migrationBuilder.Sql($"""
                CREATE FUNCTION rollup_totals_readd_month(rate_currency text, rate_month date) RETURNS void LANGUAGE sql AS $$
                  UPDATE customer_rollups r SET total_cents = s.t
                  FROM (SELECT o.customer_id, sum({Converted("o")}) AS t FROM orders o
                        WHERE o.customer_id IN (SELECT x.customer_id FROM orders x WHERE x.currency = rate_currency
                                                AND x.ordered_at >= rate_month AND x.ordered_at < rate_month + interval '1 month')
                        GROUP BY o.customer_id) s
                  WHERE r.customer_id = s.customer_id;
                $$;
                CREATE FUNCTION rollup_totals_readd_all() RETURNS void LANGUAGE sql AS $$
                  UPDATE customer_rollups r SET total_cents = s.t
                  FROM (SELECT o.customer_id, sum({Converted("o")}) AS t FROM orders o GROUP BY o.customer_id) s
                  WHERE r.customer_id = s.customer_id AND r.total_cents IS DISTINCT FROM s.t;
                $$;
                CREATE FUNCTION currency_rates_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF TG_OP <> 'INSERT' THEN PERFORM rollup_totals_readd_month(OLD.currency, OLD.month); END IF;
                  IF TG_OP <> 'DELETE' THEN PERFORM rollup_totals_readd_month(NEW.currency, NEW.month); END IF;
                  RETURN NULL;
                END $$;
                CREATE TRIGGER trg_currency_rates_rollup AFTER INSERT OR UPDATE OR DELETE ON currency_rates
                  FOR EACH ROW EXECUTE FUNCTION currency_rates_rollup();
                CREATE FUNCTION settings_currency_base_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF TG_OP = 'UPDATE' AND NEW.value IS NOT DISTINCT FROM OLD.value THEN RETURN NULL; END IF;
                  PERFORM rollup_totals_readd_all();
                  RETURN NULL;
                END $$;
                CREATE TRIGGER trg_settings_currency_base AFTER INSERT OR UPDATE ON settings
                  FOR EACH ROW WHEN (NEW.key = 'currency.base') EXECUTE FUNCTION settings_currency_base_rollup();
                """);
            // Orders in another currency written before this upgrade were added as they were stored.
            migrationBuilder.Sql($"""
                UPDATE customer_rollups r SET total_cents = s.t
                FROM (SELECT o.customer_id, sum({Converted("o")}) AS t FROM orders o
                      WHERE o.customer_id IN (SELECT customer_id FROM orders WHERE currency <> 'CNY') GROUP BY o.customer_id) s
                WHERE r.customer_id = s.customer_id;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_currency_rates_rollup ON currency_rates;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_settings_currency_base ON settings;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS currency_rates_rollup(), settings_currency_base_rollup(), rollup_totals_readd_all(), rollup_totals_readd_month(text, date);");
            migrationBuilder.Sql(Functions(converted: false));
            migrationBuilder.Sql("""
                UPDATE customer_rollups r SET total_cents = s.t
                FROM (SELECT customer_id, sum(amount_cents) AS t FROM orders GROUP BY customer_id) s WHERE r.customer_id = s.customer_id;
                """);
            migrationBuilder.Sql("DELETE FROM settings WHERE key = 'currency.base';");
        }
    }
}
