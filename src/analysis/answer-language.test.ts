import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isEnglishText } from './answer-language.ts';
import { foldText } from './text.ts';

it('tells English answers from the other languages answers come in', () => {
  const answers: Array<[string, boolean]> = [
    ['The best option for your team is the one that fits your budget.', true],
    ['Acme is fast. Rival is cheaper.', true],
    ['A Milano la scelta non manca: queste sono le app più usate per la consegna.', false],
    ['Para trabajar desde casa, la mejor opción es la fibra con buena cobertura.', false],
    ['Für kleine Teams ist das die beste Wahl, und der Preis stimmt.', false],
    ['Se você trabalha de casa, a estabilidade é o mais importante para o home office.', false],
    ['Pour une petite équipe, le meilleur choix est celui qui est simple à utiliser.', false],
  ];
  for (const [answer, english] of answers) assert.equal(isEnglishText(foldText(answer)), english, answer);
});
