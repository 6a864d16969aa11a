import { useState } from "react";

export function TextInput({ disabled, onSend }: { disabled: boolean; onSend: (text: string) => void }) {
  const [text, setText] = useState("");
  return (
    <form
      className="text-input"
      onSubmit={(e) => {
        e.preventDefault();
        const value = text.trim();
        if (!value || disabled) return;
        onSend(value);
        setText("");
      }}
    >
      <label htmlFor="say" className="visually-hidden">Type your answer</label>
      <input
        id="say"
        data-testid="text"
        type="text"
        autoComplete="off"
        maxLength={500}
        placeholder="Or type here…"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" data-testid="send" disabled={disabled || !text.trim()}>Send</button>
    </form>
  );
}
