select
    o.order_id,
    o.customer_id,
    c.country,
    o.ordered_at,
    o.status,
    o.quantity,
    o.unit_price,
    o.quantity * o.unit_price as order_total
from {{ ref('stg_orders') }} as o
left join {{ ref('stg_customers') }} as c using (customer_id)
