// Test helpers for driving the DOM the way a user does: typing into an input, finding one by its label
// or a button by its text, and a fetch answer with a JSON body.

/** A fetch Response with `body` as JSON, the way the API answers. */
export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** Types `value` into a React-controlled input (React listens for the native setter plus an input event). */
export function typeInto(input: HTMLInputElement, value: string) {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** The input a <label for> with exactly this text points at. */
export const inputFor = (root: HTMLElement, text: string) =>
  document.getElementById([...root.querySelectorAll('label')].find((l) => l.textContent === text)!.htmlFor) as HTMLInputElement;

/** The button under `root` whose whole text is `text` (a screen reader's name, sr-only text included). */
export const button = (root: ParentNode, text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === text);
