/**
 * Evaluates arithmetic without `eval`: numbers, + - * / % ^, parentheses, unary minus, constants
 * (pi, e) and a few functions. A recursive-descent parser, one function per precedence level.
 */

const FUNCTIONS: Record<string, (x: number) => number> = {
  sqrt: Math.sqrt,
  abs: Math.abs,
  round: Math.round,
  floor: Math.floor,
  ceil: Math.ceil,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  ln: Math.log,
  log: Math.log10,
  exp: Math.exp,
};
const CONSTANTS: Record<string, number> = { pi: Math.PI, e: Math.E };

const TOKEN = /\s*(\d+(?:\.\d*)?(?:e[+-]?\d+)?|\.\d+|[a-z]+|\*\*|[-+*/%^()×÷])/giy;

function tokenize(expression: string) {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(expression);
    if (!match) {
      if (expression.slice(start).trim() === "") break;
      throw new Error(`Unexpected "${expression.slice(start).trim()[0]}" at position ${start + 1}`);
    }
    const token = match[1]!.toLowerCase();
    tokens.push(token === "**" ? "^" : token === "×" ? "*" : token === "÷" ? "/" : token);
  }
  return tokens;
}

export function evaluate(expression: string): number {
  const tokens = tokenize(expression);
  let i = 0;
  const peek = () => tokens[i];
  const take = (expected?: string) => {
    const token = tokens[i++];
    if (token === undefined || (expected && token !== expected)) {
      throw new Error(expected ? `Expected "${expected}"` : "Unexpected end of expression");
    }
    return token;
  };

  function sum(): number {
    let value = product();
    while (peek() === "+" || peek() === "-") value = take() === "+" ? value + product() : value - product();
    return value;
  }
  function product(): number {
    let value = power();
    while (peek() === "*" || peek() === "/" || peek() === "%") {
      const op = take();
      const right = power();
      if ((op === "/" || op === "%") && right === 0) throw new Error("Division by zero");
      value = op === "*" ? value * right : op === "/" ? value / right : value % right;
    }
    return value;
  }
  function power(): number {
    const base = unary();
    return peek() === "^" ? (take(), base ** power()) : base;
  }
  function unary(): number {
    if (peek() === "-") return (take(), -unary());
    if (peek() === "+") return (take(), unary());
    return atom();
  }
  function atom(): number {
    const token = take();
    if (token === "(") {
      const value = sum();
      take(")");
      return value;
    }
    if (/^[\d.]/.test(token)) return Number(token);
    if (token in CONSTANTS) return CONSTANTS[token]!;
    const fn = FUNCTIONS[token];
    if (fn) {
      take("(");
      const value = sum();
      take(")");
      return fn(value);
    }
    throw new Error(`Unknown name "${token}"`);
  }

  const value = sum();
  if (i < tokens.length) throw new Error(`Unexpected "${tokens[i]}"`);
  if (!Number.isFinite(value)) throw new Error("The result is not a finite number");
  return value;
}
