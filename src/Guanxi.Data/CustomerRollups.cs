namespace Guanxi.Data;

/// <summary>The full recompute of <see cref="CustomerRollup"/>: the migration's backfill, and the yardstick the triggers are tested against.</summary>
public static class CustomerRollups
{
    public const string RecomputeAllSql = """
        DELETE FROM customer_rollups;
        INSERT INTO customer_rollups (customer_id, order_count, total_cents, first_order_at, last_order_at, interaction_count, last_contact_at)
        SELECT c.id, coalesce(o.n, 0), coalesce(o.t, 0), o.f, o.l, coalesce(i.n, 0), i.l
        FROM customers c
        LEFT JOIN (SELECT customer_id, count(*) AS n, sum(amount_cents) AS t, min(ordered_at) AS f, max(ordered_at) AS l FROM orders GROUP BY customer_id) o
          ON o.customer_id = c.id
        LEFT JOIN (SELECT customer_id, count(*) AS n, max(occurred_at) AS l FROM interactions GROUP BY customer_id) i
          ON i.customer_id = c.id
        WHERE o.customer_id IS NOT NULL OR i.customer_id IS NOT NULL;
        """;
}
