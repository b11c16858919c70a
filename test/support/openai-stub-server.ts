import { startOpenAIStub } from "./openai-stub";

// The scripted OpenAI-compatible server as a process of its own, for the Playwright run's second
// app server (playwright.config.ts): one answer, with thinking, for every request, held open a
// moment after its text so a test can act while the answer is still going (e2e/model.spec.ts).
const port = Number(process.env.STUB_PORT);
await startOpenAIStub({
  port,
  fallback: {
    text: "<think>They want a greeting.</think>Hello from the scripted model!",
    usage: { prompt_tokens: 12, completion_tokens: 5 },
    stallMs: 3_000,
  },
});
console.log(`openai-stub listening on 127.0.0.1:${port}`);
