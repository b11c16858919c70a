import type { KeyboardEvent } from "react";

/** Enter sends what is typed; Shift+Enter is a new line, and Enter that ends an IME composition is not a send. */
export const isSendKey = (event: KeyboardEvent) => event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing;
