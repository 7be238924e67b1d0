/**
 * Finding the app's French in an English page: a list of French words of the app's own
 * text, matched as whole words, with what partners wrote taken out first.
 */
import { expect, type Locator } from "@playwright/test";

/**
 * French words of the app's own text that an English page must not show. The offers'
 * own text (titles, descriptions, venues) is the partners' and stays as they wrote it:
 * the scan reads the parts of the pages the app words, not what partners wrote.
 */
export const FRENCH_WORDS = [
  "Réserver", "Réservation", "réservation", "Chargement", "Récapitulatif", "Confirmer", "Annuler",
  "Annulable", "annulable", "Contremarque", "contremarque", "Tarif", "tarifs", "Itinéraire", "Gratuit", "Dès",
  "Crédit", "crédit", "débités", "Voir mon billet", "Revenir", "Mes réservations", "En cours", "Terminées",
  "Quand", "Montant", "Retrait", "Présente", "Toutes", "Encore", "pour annuler", "Disponible", "Complet",
  "Plus que", "Dernière", "Confirmée", "Validée", "Annulée", "Découvrir", "Recherche", "Profil", "Carte",
  "Connexion", "Fermer", "Seul ou en duo", "Il te restera", "Choisis", "Hors ligne", "janv.", "févr.",
  "avr.", "juil.", "déc.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.", " à ",
  // The partner's dashboard and the team's pages.
  "Mes structures", "Structure", "structure", "Lieux", "Lieu", "Offres", "Brouillon", "Publiée", "Publier",
  "En validation", "Enregistrer", "Ajouter", "Valider", "Refuser", "Prix", "Titre", "Catégorie", "Adresse",
  "Ville", "Code postal", "Rôle", "Équipe", "Inviter", "Chercher", "Filtrer", "État", "Statut", "Tous",
  "Réservations", "Remboursements", "Paiements", "Accueil", "Aucune", "Aucun", "Motif", "Rendre",
  "Bénéficiaire", "Semaine", "Jours", "Heures", "Premier jour", "Dernier jour", "Illimité", "Espace partenaire",
  "Administrateur", "Éditeur", "Identités", "Personnes", "Journal", "Courriels", "Politiques", "Modération",
  // The legal texts and the forms' refusals.
  "en vigueur", "Conditions générales", "confidentialité", "obligatoire", "invalide", "inconnu", "inconnue",
  "caractères", "Il faut",
];

/** The French words of the list that `text` holds, as whole words ("Profil" is not in "Profile"). */
export function frenchIn(text: string): string[] {
  const escaped = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return FRENCH_WORDS.filter((word) => new RegExp(`(?<!\\p{L})${escaped(word)}(?!\\p{L})`, "u").test(text));
}

/**
 * Fails on any French word of the app in the text of `parts` (locators) of a page, once
 * `partners` (texts a partner wrote, shown as written) are taken out.
 */
export async function expectNoFrench(parts: Locator[], partners: string[] = []) {
  for (const part of parts) {
    for (const shown of await part.allInnerTexts()) {
      const text = partners.reduce((rest, theirs) => rest.replaceAll(theirs, ""), shown);
      expect(frenchIn(text), text).toEqual([]);
    }
  }
}
