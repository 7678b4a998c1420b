// Answers quiz questions (quiz.js) the way a keyboard user does: Tab to a
// control, then Space, Enter or the arrow keys. The right answers come from
// the quiz data that the page embeds in #baken-quiz.
"use strict";

const { tabUntil } = require("./browser");

async function readQuiz(page) {
  return page.evaluate(() => JSON.parse(document.getElementById("baken-quiz").textContent));
}

// Returns the 0-based index of the question on screen, from its heading
// "Vraag N van M", or null when no question is shown.
async function currentQuestionIndex(page) {
  const title = page.locator("#quiz-app .quiz-question-title");
  if ((await title.count()) === 0) {
    return null;
  }
  const match = /Vraag (\d+) van (\d+)/.exec(await title.textContent());
  return match ? Number(match[1]) - 1 : null;
}

function focusedValue(page) {
  return page.evaluate(() => document.activeElement && document.activeElement.value);
}

// Moves focus into the question's radio group and uses the arrow keys to
// select option `optionIndex` (index in the quiz data).
async function chooseRadio(page, optionIndex) {
  await tabUntil(page, { selector: "#quiz-app input[type=radio]" });
  const count = await page.locator("#quiz-app input[type=radio]").count();
  for (let step = 0; step < count && (await focusedValue(page)) !== String(optionIndex); step += 1) {
    await page.keyboard.press("ArrowDown");
  }
  // Focus on a radio button does not select it until an arrow key moved there.
  await page.keyboard.press("Space");
}

// Tabs through every checkbox and presses Space on those in `optionIndexes`.
async function chooseCheckboxes(page, optionIndexes) {
  const count = await page.locator("#quiz-app input[type=checkbox]").count();
  for (let i = 0; i < count; i += 1) {
    await tabUntil(page, { selector: "#quiz-app input[type=checkbox]" });
    const value = Number(await focusedValue(page));
    if (optionIndexes.includes(value)) {
      await page.keyboard.press("Space");
    }
  }
}

function shownOrder(page) {
  return page.locator("#quiz-app .quiz-order-item .quiz-order-text").allTextContents();
}

// Sorts the items into the order of the quiz data with the Omhoog buttons:
// for each position from the top, the item that belongs there moves up.
async function orderItems(page, question) {
  const texts = question.items.map((item) => item.text);
  for (let position = 0; position < texts.length; position += 1) {
    let order = await shownOrder(page);
    let current = order.indexOf(texts[position]);
    if (current === position) {
      continue;
    }
    await tabUntil(page, {
      selector: `#quiz-app button.quiz-move-up[aria-label="Omhoog: ${texts[position].replace(/"/g, '\\"')}"]`,
    });
    while (current > position) {
      await page.keyboard.press("Enter");
      await page.waitForFunction(
        ([text, expected]) => {
          const items = Array.from(
            document.querySelectorAll("#quiz-app .quiz-order-item .quiz-order-text"),
            (item) => item.textContent,
          );
          const focused = document.activeElement;
          return items.indexOf(text) === expected && focused && focused.classList.contains("quiz-move");
        },
        [texts[position], current - 1],
      );
      order = await shownOrder(page);
      current = order.indexOf(texts[position]);
    }
  }
}

// Picks, in each select, the choice that `rightFor(left)` returns, with the
// arrow keys.
async function matchPairs(page, question, rightFor) {
  const count = await page.locator("#quiz-app select").count();
  for (let i = 0; i < count; i += 1) {
    await tabUntil(page, { selector: "#quiz-app select" });
    const left = await page.evaluate(
      () => document.querySelector(`label[for="${document.activeElement.id}"]`).textContent,
    );
    const expected = rightFor(question.pairs.find((pair) => pair.left === left));
    const optionCount = await page.evaluate(() => document.activeElement.options.length);
    for (let step = 0; step < optionCount; step += 1) {
      const selectedText = await page.evaluate(() => {
        const select = document.activeElement;
        return select.options[select.selectedIndex].textContent;
      });
      if (selectedText === expected) {
        break;
      }
      await page.keyboard.press("ArrowDown");
    }
  }
}

// Answers the question on screen with the keyboard and checks it. With
// `correct` false the answer is wrong on purpose. Leaves focus on the button
// that leads on ("Volgende vraag" or "Bekijk uw score").
async function answerCurrentQuestion(page, quiz, { correct = true } = {}) {
  const index = await currentQuestionIndex(page);
  if (index === null) {
    throw new Error("No quiz question is on screen");
  }
  const question = quiz.questions[index];
  if (question.kind === "single") {
    const right = question.options.findIndex((option) => option.correct);
    const wrong = question.options.findIndex((option) => !option.correct);
    await chooseRadio(page, correct ? right : wrong);
  } else if (question.kind === "multiple") {
    const right = question.options.map((option, i) => (option.correct ? i : -1)).filter((i) => i >= 0);
    const wrong = question.options.map((option, i) => (option.correct ? -1 : i)).filter((i) => i >= 0);
    let chosen = right;
    if (!correct && wrong.length > 0) {
      chosen = wrong;
    } else if (!correct && right.length > 1) {
      // Every option is right, so leaving one out makes the answer wrong.
      chosen = right.slice(1);
    } else if (!correct) {
      throw new Error(`Question ${question.id} has one option, which is right, so it cannot be answered wrong`);
    }
    await chooseCheckboxes(page, chosen);
  } else if (question.kind === "order") {
    if (correct) {
      await orderItems(page, question);
    } else if (JSON.stringify(await shownOrder(page)) === JSON.stringify(question.items.map((item) => item.text))) {
      // The shuffle happened to give the right order, so move one item.
      await tabUntil(page, { selector: "#quiz-app button.quiz-move-down" });
      await page.keyboard.press("Enter");
    }
  } else if (question.kind === "match") {
    const choices =
      question.choices && question.choices.length > 0
        ? question.choices
        : [...new Set(question.pairs.map((pair) => pair.right))].sort();
    await matchPairs(page, question, (pair) =>
      correct ? pair.right : choices.find((choice) => choice !== pair.right),
    );
  } else {
    throw new Error(`Unknown question kind ${question.kind}`);
  }
  await tabUntil(page, { selector: "#quiz-app button[type=submit]", text: "Controleer antwoord" });
  await page.keyboard.press("Enter");
  await page.locator("#quiz-app .quiz-verdict").waitFor();
  return { index, question };
}

// Presses Enter on the focused "Volgende vraag" or "Bekijk uw score" button
// and waits for the next view.
async function goOn(page) {
  const label = await page.evaluate(() => document.activeElement && document.activeElement.textContent);
  if (label !== "Volgende vraag" && label !== "Bekijk uw score") {
    throw new Error(`Focus is on "${label}", not on the button that leads on`);
  }
  const before = await page.locator("#quiz-app h2").first().textContent();
  await page.keyboard.press("Enter");
  await page.waitForFunction((previous) => {
    const heading = document.querySelector("#quiz-app h2");
    return heading && heading.textContent !== previous;
  }, before);
}

// Answers every remaining question with the keyboard and opens the result.
async function completeQuiz(page, { correct = true } = {}) {
  const quiz = await readQuiz(page);
  for (let guard = 0; guard <= quiz.questions.length; guard += 1) {
    if ((await currentQuestionIndex(page)) === null) {
      return quiz;
    }
    await answerCurrentQuestion(page, quiz, { correct });
    await goOn(page);
  }
  throw new Error("The quiz did not reach its result after every question was answered");
}

module.exports = { readQuiz, currentQuestionIndex, answerCurrentQuestion, goOn, completeQuiz };
