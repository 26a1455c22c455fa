import { Money, formatMoney } from "./money";

export function Price(props: { money: Money }) {
  return <span className="price">{formatMoney(props.money)}</span>;
}
