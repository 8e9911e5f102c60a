select
    cast(order_id as integer) as order_id,
    cast(customer_id as integer) as customer_id,
    cast(ordered_at as date) as ordered_at,
    lower(status) as status,
    cast(quantity as integer) as quantity,
    cast(unit_price as decimal(12, 2)) as unit_price
from {{ source('raw', 'orders') }}
