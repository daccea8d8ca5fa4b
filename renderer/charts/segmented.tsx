type Option<T extends string> = { value: T; label: string };

/** A small segmented switch (period, split, view). */
export function Segmented<T extends string>(props: { label: string; value: T; options: readonly Option<T>[]; onChange: (v: T) => void; testId?: string }) {
  return (
    <div className="charts-segmented" role="group" aria-label={props.label} data-testid={props.testId}>
      {props.options.map((o) => (
        <button
          key={o.value}
          type="button"
          aria-pressed={o.value === props.value}
          data-value={o.value}
          onClick={() => props.onChange(o.value)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
